/**
 * Probe (issue 8, Build 9): counts the Promise objects alive in the page (CDP Runtime.queryObjects
 * on Promise.prototype, after garbage collection; pending ones apart) before and after --switches N preset/scheme/grid
 * switches, --seconds S apart, playing in between. A count that grows with N is a promise chain
 * left waiting per switch.
 *
 *   npx tsx bench/promise-probe.ts [--switches 12 --seconds 2]
 */
import { startHarness, openPage } from '../test/e2e/harness';
import { countPromises } from '../test/e2e/promises';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}
const SWITCHES = arg('switches', 12);
const SECONDS = arg('seconds', 2);
const PRESETS = ['coffee-cooling', 'ness-rod', 'soret-cell', 'hot-spot'];
const SCHEMES = ['auto', 'implicit', 'rkl2', 'euler'] as const;

const h = await startHarness(true);
try {
  const { page, errors } = await openPage(h);
  const cdp = await page.createCDPSession();
  const sw = async (k: number): Promise<void> => {
    await page.evaluate(
      async (preset: string, scheme: string) => {
        const o = window.onsager!;
        o.pause();
        await o.load(preset);
        o.settings({ schemeMode: scheme as 'auto' });
        o.play();
      },
      PRESETS[k % PRESETS.length],
      SCHEMES[k % SCHEMES.length],
    );
    await new Promise((r) => setTimeout(r, SECONDS * 1000));
  };
  for (let k = 0; k < PRESETS.length; k++) await sw(k); // warm-up: every preset and scheme once
  const before = await countPromises(cdp);
  for (let k = 0; k < SWITCHES; k++) await sw(k);
  const after = await countPromises(cdp);
  console.log(
    `Promises after GC, before -> after ${SWITCHES} switches: alive ${before.alive} -> ${after.alive}, pending ${before.pending} -> ${after.pending} (${((after.pending - before.pending) / SWITCHES).toFixed(1)} pending per switch)`,
  );
  if (errors.length) console.log(`console errors: ${errors.slice(0, 5).join(' | ')}`);
} finally {
  await h.close();
}
