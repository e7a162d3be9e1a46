import { describe, expect, it } from 'vitest';
import { parseSimArgs, UsageError } from '../../src/cli/args';

describe('command-line arguments', () => {
  it('reads options in both --flag value and --flag=value forms', () => {
    const a = parseSimArgs(['soret-cell', '--until', '60', '--set', 'mixture.soret=0.01', '--set=grid.nx=64', '--backend=cpu', '--out', 'o']);
    expect(a).toMatchObject({ scenario: 'soret-cell', until: 60, backend: 'cpu', out: 'o' });
    expect(a.sets).toEqual([
      ['mixture.soret', '0.01'],
      ['grid.nx', '64'],
    ]);
  });

  it('refuses what it cannot read, saying which option', () => {
    expect(() => parseSimArgs([])).toThrow(/no scenario given/);
    expect(() => parseSimArgs(['a', 'b'])).toThrow(/one scenario expected/);
    expect(() => parseSimArgs(['a', '--steps', '2.5'])).toThrow(/--steps: "2.5" must be a whole number/);
    expect(() => parseSimArgs(['a', '--until', '-1'])).toThrow(/--until: "-1" must be a number > 0/);
    expect(() => parseSimArgs(['a', '--until', '1', '--steps', '2'])).toThrow(/not both/);
    expect(() => parseSimArgs(['a', '--backend', 'tpu'])).toThrow(/--backend: "tpu" must be gpu or cpu/);
    expect(() => parseSimArgs(['a', '--set', 'novalue'])).toThrow(/PATH=VALUE/);
    expect(() => parseSimArgs(['a', '--out'])).toThrow(/--out: needs a value/);
    expect(() => parseSimArgs(['a', '--wat'])).toThrow(UsageError);
  });
});
