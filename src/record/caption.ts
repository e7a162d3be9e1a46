/**
 * The words burned into a video frame: the title, the simulated time, and the key parameters
 * (S_T, the Dufour mode, the Lewis number, the second-law margin). Pure text from the validated
 * scenario, with the view's number formatters.
 */
import type { Validated } from '../physics/validate';
import { fmt, prettyUnit } from '../view/format';

export interface FrameCaption {
  /** Scenario name. */
  title: string;
  /** Shown in red after the title when the run breaks the second law or reciprocity. */
  unphysical: boolean;
  /** The key parameters, one item each (the composer wraps them to the frame width). */
  params: string[];
}

export function frameCaption(v: Validated): FrameCaption {
  const s = v.scenario;
  const d = v.derived;
  const dl = d.dimensionless;
  const dufour =
    s.mixture.dufour === 'reciprocal'
      ? 'Dufour: reciprocal (D_F = D_T)'
      : `Dufour: D_F = ${fmt(s.mixture.dufour)} ${prettyUnit('m^2/(s K)')}${d.reciprocal ? '' : ' (not reciprocal)'}`;
  const gap = 1 - dl.margin;
  const margin = dl.margin > 0.999 && dl.margin <= 1 ? (gap > 0 ? `1 − ${fmt(gap, 2)}` : '1') : fmt(dl.margin, 4);
  return {
    title: s.name,
    unphysical: d.unphysical,
    params: [`S_T = ${fmt(s.mixture.soret)} 1/K`, dufour, `Le = ${fmt(dl.Le)}`, `second-law margin 1 − Du·Sr = ${margin}`],
  };
}

/** Decimals that show every frame's time distinctly: enough for the simulated time per frame. */
export function timeDecimals(simPerFrame: number): number {
  return Math.min(6, Math.max(0, Math.ceil(-Math.log10(simPerFrame) - 1e-9)));
}

/** "t = 12.37 s", with minutes or hours added in brackets from two minutes on. */
export function timeText(t: number, decimals: number): string {
  const base = `t = ${t.toFixed(decimals)} s`;
  if (t < 120) return base;
  if (t < 7200) return `${base} (${Math.floor(t / 60)} min ${Math.floor(t % 60)} s)`;
  return `${base} (${(t / 3600).toFixed(2)} h)`;
}

/** "2 s per frame", "1/30 s per frame" for the simulated time each frame advances. */
export function perFrameText(simPerFrame: number, fps: number): string {
  const realTime = Math.abs(simPerFrame * fps - 1) < 1e-9;
  const each = realTime ? `1/${fps} s` : `${fmt(simPerFrame, 4)} s`;
  const speed = simPerFrame * fps;
  return `${each} per frame · ${realTime ? 'real time' : `${fmt(speed, 3)}× speed`}`;
}
