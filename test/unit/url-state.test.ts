import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/physics/validate';
import { presetFile } from '../../src/physics/presets';
import { decodeScenario, encodeScenario, parseHash } from '../../src/ui/url-state';

describe('the scenario in the URL hash', () => {
  it('round-trips every preset through the compressed payload, shorter than the JSON', async () => {
    for (const id of ['soret-cell', 'hot-spot', 'dufour-gas']) {
      const s = parseScenario(presetFile(id)).scenario;
      const payload = await encodeScenario(s);
      expect(payload).toMatch(/^z\.[A-Za-z0-9_-]+$/);
      expect(payload.length).toBeLessThan(JSON.stringify(s).length);
      expect(parseScenario(await decodeScenario(payload)).scenario).toEqual(s);
    }
  });

  it('says what is wrong with a damaged link', async () => {
    await expect(decodeScenario('z.@@@')).rejects.toThrow(/base64url/);
    await expect(decodeScenario('z.AAAAAAAA')).rejects.toThrow(/does not decompress|not valid JSON/);
    await expect(decodeScenario('j.' + Buffer.from('{"version":').toString('base64url'))).rejects.toThrow(/not valid JSON/);
    await expect(decodeScenario('q.abc')).rejects.toThrow(/unknown format/);
    const full = await encodeScenario(parseScenario(presetFile('soret-cell')).scenario);
    await expect(decodeScenario(full.slice(0, full.length / 2))).rejects.toThrow(/damaged/);
  });

  it('reads #s=, #preset= and a bare payload', () => {
    expect(parseHash('')).toEqual({ kind: 'none' });
    expect(parseHash('#preset=ness-rod')).toEqual({ kind: 'preset', id: 'ness-rod' });
    expect(parseHash('#s=z.abc')).toEqual({ kind: 'scenario', payload: 'z.abc' });
  });
});
