/**
 * Command-line scanning shared by `sim` and `record`: `--flag value` or `--flag=value` (the first
 * '=' splits, so `--set=PATH=VALUE` works too), and `--set PATH=VALUE` pairs.
 */
export class UsageError extends Error {}

/** Calls `onFlag` for each option with a getter for its value; returns the positional arguments. */
export function scanArgs(argv: readonly string[], onFlag: (flag: string, value: () => string) => void): string[] {
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('-')) {
      positional.push(a);
      continue;
    }
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const flag = eq > 0 ? a.slice(0, eq) : a;
    const inline = eq > 0 ? a.slice(eq + 1) : undefined;
    onFlag(flag, () => {
      if (inline !== undefined) return inline;
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${flag}: needs a value`);
      return v;
    });
  }
  return positional;
}

/** The one positional argument: a scenario file or a preset id. */
export function oneScenario(positional: readonly string[]): string {
  if (positional.length !== 1) throw new UsageError(positional.length ? `one scenario expected, got ${positional.join(' ')}` : 'no scenario given');
  return positional[0];
}

/** A `--set` value: PATH=VALUE, split at the first '='. */
export function parseSet(kv: string): [string, string] {
  const eq = kv.indexOf('=');
  if (eq <= 0) throw new UsageError(`--set: ${JSON.stringify(kv)} must look like PATH=VALUE, e.g. mixture.soret=0.01`);
  return [kv.slice(0, eq), kv.slice(eq + 1)];
}

/** What every scenario command's arguments hold besides its own options. */
export interface ScenarioArgs {
  scenario: string;
  /** PATH=VALUE edits, in order. */
  sets: [string, string][];
  help: boolean;
}

/**
 * Scans a scenario command's arguments into `out`: `--help` / `-h`, `--set PATH=VALUE`
 * (repeatable) and the one positional scenario (not required with --help) are handled here;
 * `onFlag` handles the command's own options and returns false for a flag it does not know,
 * which is refused naming it.
 */
export function scanScenarioArgs(argv: readonly string[], out: ScenarioArgs, onFlag: (flag: string, value: () => string) => boolean): void {
  const positional = scanArgs(argv, (flag, value) => {
    if (flag === '--help' || flag === '-h') out.help = true;
    else if (flag === '--set') out.sets.push(parseSet(value()));
    else if (!onFlag(flag, value)) throw new UsageError(`unknown option ${flag}`);
  });
  if (!out.help) out.scenario = oneScenario(positional);
}
