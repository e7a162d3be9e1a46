/**
 * `npm run bench:corner [-- --max 512] [-- --soret 0.9]`: grid convergence of the steady total
 * entropy production at the incompatible corners of issue 8 symptom 11 (test/helpers/corner.ts:
 * a fixed 320 K wall meeting convective walls, h_c = 200 W m^-2 K^-1, ambient 300 K), on the
 * CPU reference (float64) from 16^2 up to --max (default 256; 512^2 takes several minutes).
 * Prints per grid the total S, the heat flow through the fixed wall and their differences and
 * Richardson ratios, then two fits of S(h) on all but the finest grid, each predicting the
 * finest: S_inf + h^2 (a log^2 n + b log n + c) (second order with logarithms) and
 * S_inf + a h + b h^2 + c h^3 (a first-order term); the one that predicts the finest grid is the
 * one the data follow. Then (fixed grids 16, 32, 64) the Richardson ratio of S against
 * ell = k / h_c, the length over which the convective wall's temperature leaves the fixed wall's:
 * the same corner with h_c = 200, 50 and 20 (the same ambient), and a fixed outward flux instead.
 * Writes bench/corner-results.json.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cornerScenario, richardson, steadyReference, type CornerOptions } from '../test/helpers/corner';
import { solveDense } from './dense';

function parseArgs(argv: readonly string[]): { max: number; soret: number } {
  const o = { max: 256, soret: 0 };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--max') o.max = Number(argv[++i]);
    else if (argv[i] === '--soret') o.soret = Number(argv[++i]);
    else throw new Error(`unknown option ${argv[i]} (use --max N, --soret FRACTION)`);
  }
  if (![64, 128, 256, 512, 1024].includes(o.max)) throw new Error('--max must be 64, 128, 256, 512 or 1024');
  if (!(o.soret >= 0 && o.soret < 1)) throw new Error('--soret must be in [0, 1)');
  return o;
}

/** Fits S(n) = S_inf + sum c_i f_i(n) through the last 4 grids before the finest; predicts the finest. */
function predictFinest(ns: number[], s: number[], basis: ((n: number) => number)[]): { sInf: number; predicted: number } {
  const k = ns.length - 1;
  const idx = [k - 4, k - 3, k - 2, k - 1];
  const coef = solveDense(
    idx.map((i) => [1, ...basis.map((f) => f(ns[i]))]),
    idx.map((i) => s[i]),
  );
  return { sInf: coef[0], predicted: coef[0] + basis.reduce((acc, f, j) => acc + coef[j + 1] * f(ns[k]), 0) };
}

function totals(n: number, o: CornerOptions): { S: number; heatIn: number; ms: number } {
  const t0 = performance.now();
  const st = steadyReference(cornerScenario(n, o)).statsNow();
  return { S: st.entropyProduction, heatIn: st.heatIn.left, ms: performance.now() - t0 };
}

const args = parseArgs(process.argv.slice(2));
const ns: number[] = [];
for (let n = 16; n <= args.max; n *= 2) ns.push(n);
const rows = ns.map((n) => {
  const r = totals(n, { soretFraction: args.soret });
  console.log(`${n}^2: S = ${r.S.toPrecision(12)} W/(K m), heat in through the fixed wall ${r.heatIn.toPrecision(10)} W/m (${(r.ms / 1000).toFixed(1)} s)`);
  return { n, ...r };
});
const s = rows.map((r) => r.S);
const q = rows.map((r) => r.heatIn);
const ratios = (x: number[]) => x.slice(2).map((_, i) => richardson(x.slice(i, i + 3)));
const diffs = s.slice(1).map((x, i) => s[i] - x);
console.log('S_h - S_h/2:', diffs.map((d) => d.toExponential(3)).join(' '));
console.log('Richardson ratio of S:', ratios(s).map((x) => x.toFixed(3)).join(' '));
console.log('Richardson ratio of the fixed wall heat flow:', ratios(q).map((x) => x.toFixed(3)).join(' '));
const log = Math.log;
const fits =
  ns.length >= 5
    ? {
        secondOrderWithLogs: predictFinest(ns, s, [(n) => log(n) ** 2 / n ** 2, (n) => log(n) / n ** 2, (n) => 1 / n ** 2]),
        firstOrderTerm: predictFinest(ns, s, [(n) => 1 / n, (n) => 1 / n ** 2, (n) => 1 / n ** 3]),
      }
    : undefined;
if (fits) {
  const last = diffs[diffs.length - 1];
  for (const [name, f] of Object.entries(fits)) {
    console.log(`fit ${name} (grids ${ns.slice(-5, -1).join(', ')}): S_inf ${f.sInf.toPrecision(8)}, predicts ${ns[ns.length - 1]}^2 off by ${((100 * (f.predicted - s[s.length - 1])) / last).toFixed(1)} % of the last difference`);
  }
}
const scanCases: [string, CornerOptions][] = [
  ['convective h_c = 200, ell = 0.65 mm', { wall: { convective: { h: 200, ambient: 300 } } }],
  ['convective h_c = 50, ell = 2.6 mm', { wall: { convective: { h: 50, ambient: 300 } } }],
  ['convective h_c = 20, ell = 6.5 mm', { wall: { convective: { h: 20, ambient: 300 } } }],
  ['fixed flux 2000 W/m^2 out (ell infinite)', { wall: { flux: -2000 } }],
];
const scan = scanCases.map(([label, o]) => {
  const t = [16, 32, 64].map((n) => totals(n, { ...o, soretFraction: args.soret }).S);
  console.log(`16, 32, 64: ${label}: Richardson ratio ${richardson(t).toFixed(3)}`);
  return { label, S: t, ratio: richardson(t) };
});
const out = join(dirname(fileURLToPath(import.meta.url)), 'corner-results.json');
writeFileSync(out, JSON.stringify({ soretFraction: args.soret, rows, ratios: ratios(s), heatFlowRatios: ratios(q), fits, scan }, null, 2) + '\n');
console.log(`wrote ${out}`);
