import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/physics/validate';
import { decodeScenario, encodeScenario } from '../../src/ui/url-state';
import { channelScenario } from '../helpers/ion-page';
import { merge } from '../helpers/scenarios';

describe('share links carry the ion keys (issue 10, Build 1)', () => {
  it('round-trips mixture.charge and each wall electric condition', async () => {
    const s = parseScenario(merge(channelScenario(), { mixture: { charge: -2 }, boundaries: { left: { electric: { type: 'voltage', value: -0.0615 } } } })).scenario;
    const back = parseScenario(await decodeScenario(await encodeScenario(s))).scenario;
    expect(back).toEqual(s);
    expect(back.mixture.charge).toBe(-2);
    expect(back.boundaries.left.electric).toEqual({ type: 'voltage', value: -0.0615 });
    expect(back.boundaries.top.electric).toEqual({ type: 'insulating' });
  });

  it('a link with a bad ion value is refused naming the path, the value and the range', async () => {
    const bad = merge(channelScenario(), { mixture: { charge: 5 }, boundaries: { right: { electric: { type: 'voltage', value: 12 } } } });
    const payload = await encodeScenario(bad as never);
    let message = '';
    try {
      parseScenario(await decodeScenario(payload));
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/mixture\.charge: 5 must be an integer >= -3 and <= 3/);
    expect(message).toMatch(/boundaries\.right\.electric\.value: 12 must be a finite number >= -10 and <= 10 \(V\)/);
  });
});
