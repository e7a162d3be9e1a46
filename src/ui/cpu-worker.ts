/**
 * Web Worker running the float64 CPU reference when the browser has no WebGPU. It steps only when
 * asked (one request at a time from the page), within a time budget, and answers with the
 * counters, the reductions and the three fields as float32 stored values.
 */
import { ReferenceSimulation } from '../physics/reference';
import { parseScenario } from '../physics/validate';
import type { SolveReport } from '../physics/simulation';
import type { FromWorker, ToWorker } from './cpu-protocol';

let sim: ReferenceSimulation | undefined;

const post = (m: FromWorker, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(m, transfer);

function reply(id: number, report?: SolveReport): void {
  if (!sim) return;
  const s = sim;
  const { nx, ny } = s.validated.scenario.grid;
  const { T0, c0 } = s.validated.scenario.reference;
  const T = Float32Array.from(s.fieldNow('T'), (x) => x - T0);
  const c = Float32Array.from(s.fieldNow('c'), (x) => x - c0);
  const sigma = Float32Array.from(s.fieldNow('sigma'));
  post({ type: 'state', id, nx, ny, steps: s.steps, passes: s.passes, simTime: s.simTime, stats: s.statsNow(), T, c, sigma, report }, [T.buffer, c.buffer, sigma.buffer]);
}

self.onmessage = (e: MessageEvent<ToWorker>) => {
  const m = e.data;
  try {
    switch (m.type) {
      case 'load':
        sim = new ReferenceSimulation(parseScenario(m.scenario));
        break;
      case 'set':
        sim?.setScenario(parseScenario(m.scenario));
        break;
      case 'reset':
        sim?.reset();
        break;
      case 'advance': {
        if (!sim) return;
        const start = performance.now();
        let left = m.n;
        while (left > 0) {
          sim.advance(1);
          left--;
          if (performance.now() - start > m.budgetMs) break;
        }
        reply(m.id);
        break;
      }
      case 'jump': {
        if (!sim) return;
        let report: SolveReport;
        try {
          report = sim.jumpNow();
        } catch (err) {
          post({ type: 'error', message: (err as Error).message, id: m.id });
          return;
        }
        reply(m.id, report);
        break;
      }
      case 'paint': {
        if (!sim) return;
        const d = m.dab;
        const { nx, ny } = sim.validated.scenario.grid;
        const { T0, c0 } = sim.validated.scenario.reference;
        const off = d.field === 'T' ? T0 : c0;
        const data = sim.fieldNow(d.field);
        for (let j = 0; j < ny; j++) {
          for (let i = 0; i < nx; i++) {
            const dx = (i + 0.5 - d.cx) / Math.max(d.rx, 0.5);
            const dy = (j + 0.5 - d.cy) / Math.max(d.ry, 0.5);
            if (dx * dx + dy * dy > 1) continue;
            const k = j * nx + i;
            const x = data[k] - off;
            data[k] = off + (d.mode === 'raise' ? Math.max(x, d.value) : Math.min(x, d.value));
          }
        }
        void sim.writeField(d.field, data);
        break;
      }
    }
  } catch (err) {
    post({ type: 'error', message: (err as Error).message });
  }
};
