/**
 * The page says "preparing" while the implicit scheme's kernels compile (issue 9, Build 4): they
 * are compiled on first need (seconds on SwiftShader), one at a time so that frames go on, and the
 * status line says what the steps wait for until they are ready; then the scheme steps.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, startHarness, type Harness } from './harness';

describe('the page while the implicit kernels compile', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(true);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('says it is preparing, steps nothing meanwhile, then runs the implicit scheme', { timeout: 120_000 }, async () => {
    const { page, errors } = await openPage(h);
    const seen = await page.evaluate(async () => {
      const o = window.onsager!;
      const status = document.getElementById('status')!;
      o.pause();
      await o.load('ness-rod');
      o.settings({ schemeMode: 'implicit' });
      o.play();
      // Watch the status line every animation frame until the scheme has stepped.
      const samples: { preparing: string; text: string; steps: number }[] = [];
      const t0 = performance.now();
      await new Promise<void>((done) => {
        const tick = () => {
          const text = status.textContent ?? '';
          samples.push({ preparing: status.dataset.preparing ?? '', text, steps: Number(/([\d,]+) steps/.exec(text)?.[1].replace(/,/g, '') ?? NaN) });
          const last = samples[samples.length - 1];
          if ((samples.some((s) => s.preparing) && !last.preparing && last.steps > 0) || performance.now() - t0 > 90_000) done();
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
      o.pause();
      return { samples, scheme: o.running().scheme, steps: (await o.stats()).steps };
    });
    const preparing = seen.samples.filter((s) => s.preparing);
    expect(preparing.length).toBeGreaterThan(0);
    expect(preparing[0].preparing).toMatch(/implicit/);
    expect(preparing[0].text).toMatch(/^Preparing: compiling the implicit scheme's GPU kernels/);
    // nothing stepped while the kernels compiled
    expect(new Set(preparing.map((s) => s.steps)).size).toBe(1);
    // then the implicit scheme ran, and the status line no longer says it is preparing
    expect(seen.scheme).toBe('implicit');
    expect(seen.steps).toBeGreaterThan(preparing[0].steps || 0);
    expect(seen.samples[seen.samples.length - 1].text).not.toMatch(/Preparing/);
    expect(errors).toEqual([]);
  });
});
