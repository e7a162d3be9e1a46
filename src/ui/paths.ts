/** Reading a value from a scenario by dotted path (the same paths as `set` and `--set`). */
export function valueAt(root: unknown, path: string): unknown {
  let at: unknown = root;
  for (const p of path.split('.')) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<string, unknown>)[p];
  }
  return at;
}
