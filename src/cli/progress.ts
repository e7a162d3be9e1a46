/**
 * Progress on stderr: a redrawn bar on a terminal, a plain line every few seconds otherwise.
 */
export interface Progress {
  /** `count`: steps (or the unit given to makeProgress) done so far; `extra`: appended text. */
  update(fraction: number, simTime: number, count: number, extra?: string): void;
  done(): void;
}

function fmtSeconds(s: number): string {
  if (!Number.isFinite(s)) return '?';
  if (s < 60) return `${s.toFixed(s < 10 ? 1 : 0)} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
  return `${(s / 3600).toFixed(1)} h`;
}

export function makeProgress(stream: NodeJS.WriteStream, label: string, unit = 'steps'): Progress {
  const start = performance.now();
  let lastLine = 0;
  const tty = stream.isTTY === true;
  return {
    update(fraction, simTime, count, extra) {
      const now = performance.now();
      const wall = (now - start) / 1000;
      const rate = count / Math.max(wall, 1e-9);
      const eta = fraction > 0 ? (wall * (1 - fraction)) / fraction : Infinity;
      const shown = rate >= 10 ? Math.round(rate).toString() : rate.toPrecision(2);
      const text = `${label} ${(100 * fraction).toFixed(1)}%  t = ${simTime.toPrecision(4)} s  ${shown} ${unit}/s${extra ? `  ${extra}` : ''}  ETA ${fmtSeconds(eta)}`;
      if (tty) {
        const width = 24;
        const filled = Math.round(width * Math.min(1, fraction));
        stream.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${text}\x1b[K`);
      } else if (now - lastLine > 5000 || fraction >= 1) {
        lastLine = now;
        stream.write(text + '\n');
      }
    },
    done() {
      if (tty) stream.write('\n');
    },
  };
}
