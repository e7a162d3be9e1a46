/**
 * Responsiveness benchmark (issue 8, symptom 10): the page at 1920x1080 on SwiftShader plays each
 * preset for 60 s (or --seconds S) and prints the 95th percentile and the maximum of the wall
 * time between animation frames, with the steps run and the frame cost the page measured.
 *
 *   npm run bench:responsive [-- --seconds 60 --presets soret-cell,ness-rod --trace]
 *
 * Target: the maximum below 1 s for every preset.
 */
import { startHarness } from '../test/e2e/harness';
import { formatFigures, openFullHd, playAndMeasure, RESPONSIVE_PRESETS } from '../test/e2e/responsive-run';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const SECONDS = Number(arg('seconds') ?? 60);
/** --presets a,b: only these (default: every preset). */
const PRESETS = arg('presets')?.split(',') ?? RESPONSIVE_PRESETS;
/** --trace: list the page's traced pieces and long tasks overlapping the five longest waits. */
const TRACE = process.argv.includes('--trace');

const h = await startHarness(true);
try {
  const page = await openFullHd(h);
  console.log(`Waits between animation frames, 1920x1080, SwiftShader, ${SECONDS} s per preset:`);
  let worst = 0;
  for (const preset of PRESETS) {
    const f = await playAndMeasure(page, preset, SECONDS, TRACE);
    worst = Math.max(worst, f.maxMs);
    console.log(formatFigures(f));
  }
  console.log(`longest wait over all presets: ${worst.toFixed(0)} ms (target < 1000 ms)`);
} finally {
  await h.close();
}
