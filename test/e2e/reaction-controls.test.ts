/**
 * The Reaction folder on the real page (issue 11, Build 1, the UI half), in headless Chromium with
 * the CPU fallback (the controls, not the solver, are under test): switching the reaction on adds a
 * mass-balanced one, a typed refused value is shown naming the path and the control goes back,
 * switching off removes the controls, and a share link carries an edited reaction.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { presetFile } from '../../src/physics/presets';
import { openPage, startHarness, type Harness } from './harness';

describe('reaction controls on the page (CPU fallback)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(false);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('switch on, refuse a typed kf naming the path, switch off; the link carries the reaction', async () => {
    const { page, errors } = await openPage(h);
    const { reaction: _, ...noReaction } = presetFile('no2-box') as Record<string, unknown>;
    await page.evaluate(async (s) => {
      window.onsager!.pause();
      await window.onsager!.load(s);
    }, noReaction);
    const has = (id: string) => page.evaluate((id) => document.querySelector(`[data-testid="${id}"]`) !== null, id);
    expect(await has('reaction')).toBe(true);
    expect(await has('reaction.kf')).toBe(false);

    const toggle = () => page.evaluate(() => (document.querySelector('[data-testid="reaction"] input') as HTMLInputElement).click());
    await toggle();
    const on = await page.evaluate(() => window.onsager!.scenario().reaction);
    expect(on?.nu).toEqual([2, 1]);
    for (const id of ['reaction.nu.0', 'reaction.nu.1', 'reaction.kf', 'reaction.kb', 'reaction.activationEnergy', 'reaction.enthalpy']) expect(await has(id), id).toBe(true);

    const typed = await page.evaluate(() => {
      const input = document.querySelector('[data-testid="reaction.kf"] input') as HTMLInputElement;
      input.focus();
      input.value = '-5';
      input.dispatchEvent(new Event('input', { bubbles: true }));
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
      input.blur();
      return { shown: Number(input.value), kf: window.onsager!.scenario().reaction?.kf, messages: window.onsager!.messages() };
    });
    expect(typed.messages).toMatch(/reaction\.kf: -5 must be a finite number > 0/);
    expect(typed.kf).toBe(on?.kf);
    expect(typed.shown).toBeCloseTo(on!.kf, 3 - Math.floor(Math.log10(on!.kf)));

    await toggle();
    expect(await page.evaluate(() => window.onsager!.scenario().reaction)).toBeUndefined();
    expect(await has('reaction.kf')).toBe(false);

    await toggle(); // the same reaction comes back
    const link = await page.evaluate(async () => {
      await window.onsager!.set('reaction.kf', 4.2e-4);
      return window.onsager!.link();
    });
    const { page: p2 } = await openPage(h, link.slice(link.indexOf('#')));
    const back = await p2.evaluate(() => window.onsager!.scenario().reaction);
    expect(back).toEqual({ ...on, kf: 4.2e-4 });
    expect(errors).toEqual([]);
    await p2.close();
    await page.close();
  });
});
