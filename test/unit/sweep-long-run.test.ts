/**
 * The sweep judge's long run (scripts/sweep/refusal.ts longRunSchedule) steps no longer than the
 * schema's largest time.dt: where 2 tau_slow exceeds it the long run used to be refused, and a
 * jump's refusal went unjudged (sweep 2348 #7, tau_slow = 1.0e9 s: "no long run could be set up").
 */
import { describe, expect, it } from 'vitest';
import { jumpRefusalJustified, LONGEST_DT, longRunSchedule } from '../../scripts/sweep/refusal';
import { parseScenario } from '../../src/physics/validate';
import { report } from '../helpers/report';
import { SLOW_SORET_3x3 } from '../helpers/sweep-cases';

describe('the sweep judge\'s long run beyond the schema\'s largest dt', () => {
  it('LONGEST_DT is the schema\'s largest time.dt: a scenario at it validates, one above it does not', () => {
    const v = parseScenario(SLOW_SORET_3x3);
    expect(LONGEST_DT).toBe(1e9);
    expect(() => parseScenario({ ...v.scenario, time: { ...v.scenario.time, scheme: 'implicit', dt: LONGEST_DT } })).not.toThrow();
    expect(() => parseScenario({ ...v.scenario, time: { ...v.scenario.time, scheme: 'implicit', dt: 1.01 * LONGEST_DT } })).toThrow(/time\.dt/);
  });

  it('sweep 2348 #7 (tau_slow = 1.0e9 s): the schedule is set up, its steps at most LONGEST_DT, 30 of them at it; the jump\'s refusal is judged by it', () => {
    const v = parseScenario(SLOW_SORET_3x3);
    expect(2 * v.derived.tauSlow).toBeGreaterThan(LONGEST_DT);
    const schedule = longRunSchedule(v);
    const dts = schedule.map((w) => w.derived.dt);
    expect(schedule.length).toBeGreaterThan(30);
    expect(Math.max(...dts)).toBeLessThanOrEqual(LONGEST_DT);
    expect(dts.filter((dt) => dt === LONGEST_DT).length).toBeGreaterThanOrEqual(30);
    const judged = jumpRefusalJustified(v, 'c outside [0, 1]');
    report('sweep 2348 #7, the long run behind the jump\'s refusal', judged.detail);
    expect(judged.detail).not.toMatch(/no long run/);
    expect(judged.justified).toBe(true);
  });
});
