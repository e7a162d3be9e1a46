/**
 * Command-line arguments of `npm run sim` (contract: docs/scenario.md, "Command line").
 */
import { scanScenarioArgs, UsageError } from './argv';

export { UsageError };
export interface SimArgs {
  scenario: string;
  until?: number;
  steps?: number;
  scheme?: string;
  /** Jump to the steady state before stepping. */
  jump: boolean;
  /** Run the two experiments of physics.md 10 and add `onsagerMeasured` to the summary. */
  measureOnsager: boolean;
  backend: 'gpu' | 'cpu';
  out?: string;
  /** PATH=VALUE edits, in order. */
  sets: [string, string][];
  help: boolean;
}


export const SIM_USAGE = `usage: npm run sim -- <scenario.json | preset-id> [options]

  --until SECONDS     simulated time to reach
  --steps N           time steps to take (default: the scenario's time.duration, else 1000 steps)
  --scheme NAME       time scheme: euler, rkl2 or implicit (sets time.scheme)
  --jump              jump to the steady state first (multigrid; then steps only if
                      --steps or --until is given)
  --measure-onsager   measure L1q, Lq1, L11, Lqq (physics.md 10) on the CPU reference and add
                      onsagerMeasured to the summary (then steps only if --steps or --until is given)
  --backend gpu|cpu   WebGPU through Dawn (default) or the CPU reference
  --out DIR           write T.npy, c.npy, sigma.npy, summary.json and scenario.json
  --set PATH=VALUE    change one scenario field, e.g. --set mixture.soret=0.01 (repeatable)

stdout: one JSON summary; stderr: progress. Exit 0 done, 2 bad input, 3 a failure (non-finite, T <= 0 K, c outside [0, 1], no convergence, GPU error).`;

function positiveNumber(flag: string, text: string | undefined, integer: boolean): number {
  const v = Number(text);
  if (text === undefined || text.trim() === '' || !Number.isFinite(v) || v <= 0 || (integer && !Number.isInteger(v))) {
    throw new UsageError(`${flag}: ${JSON.stringify(text ?? '')} must be ${integer ? 'a whole number' : 'a number'} > 0`);
  }
  return v;
}

export function parseSimArgs(argv: readonly string[]): SimArgs {
  const out: SimArgs = { scenario: '', backend: 'gpu', sets: [], help: false, jump: false, measureOnsager: false };
  scanScenarioArgs(argv, out, (flag, value) => {
    switch (flag) {
      case '--until':
        out.until = positiveNumber('--until', value(), false);
        break;
      case '--steps':
        out.steps = positiveNumber('--steps', value(), true);
        break;
      case '--scheme':
        out.scheme = value();
        break;
      case '--jump':
        out.jump = true;
        break;
      case '--measure-onsager':
        out.measureOnsager = true;
        break;
      case '--backend': {
        const b = value();
        if (b !== 'gpu' && b !== 'cpu') throw new UsageError(`--backend: ${JSON.stringify(b)} must be gpu or cpu`);
        out.backend = b;
        break;
      }
      case '--out':
        out.out = value();
        break;
      default:
        return false;
    }
    return true;
  });
  if (out.help) return out;
  if (out.until !== undefined && out.steps !== undefined) throw new UsageError('give --until or --steps, not both');
  return out;
}
