/** Prints a measured figure in test output (`measured <name>: <value>`), for closing notes and CI logs. */
export function report(name: string, value: number | string): void {
  console.log(`measured ${name}: ${typeof value === 'number' ? value.toPrecision(4) : value}`);
}
