/** The median of `xs` (the upper one of the middle two for an even count); benchmarks report it over repeated rounds. */
export const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
