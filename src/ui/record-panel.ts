/**
 * The Record panel (a lil-gui folder) and the progress box over the view: duration (simulated
 * seconds, or until steady), frame rate, simulated time per frame, size, the time-series plot,
 * the format this browser will write (and why), what the settings add up to (frames, video length,
 * steps per frame), Record, a PNG of the composed frame, and while recording a progress bar with
 * the file size, ETA and Cancel.
 */
import type GUI from 'lil-gui';
import { ScenarioError } from '../physics/validate';
import { fmt } from '../view/format';
import { FORMAT_CODEC, RecordOptionError, SIZE_PRESETS, type PlotChoice } from '../record/options';
import { describePlan, planRecording } from '../record/plan';
import { RecordingCancelled, RecordingFailed, type RecordProgress } from '../record/recorder';
import type { App } from './app';
import { problemsOf } from './app';
import { download, fileStem } from './exports';
import type { Messages } from './messages';
import { pickFileSink, RecordController, type PageRecordRequest } from './record-controller';

function tag<T extends { domElement: HTMLElement }>(c: T, id: string): T {
  c.domElement.dataset.testid = id;
  return c;
}

export function formatBytes(n: number): string {
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

function fmtEta(s: number): string {
  if (!Number.isFinite(s)) return '?';
  if (s < 60) return `${Math.ceil(s)} s`;
  return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

/** Problems of any refusal, for the message area. */
function reasons(e: unknown): { path: string; message: string }[] {
  if (e instanceof RecordOptionError) return e.problems.map((p) => ({ path: p.option, message: `${p.option}: ${p.message}` }));
  if (e instanceof ScenarioError) return e.problems;
  return problemsOf(e);
}

/** The progress box over the view; returns nothing (it follows the controller's events). */
function progressBox(host: HTMLElement, controller: RecordController): void {
  const box = document.createElement('div');
  box.id = 'record-progress';
  box.setAttribute('role', 'status');
  box.hidden = true;
  const title = document.createElement('div');
  title.className = 'rec-title';
  const bar = document.createElement('progress');
  bar.max = 1;
  bar.value = 0;
  const text = document.createElement('div');
  text.className = 'rec-text';
  const note = document.createElement('div');
  note.className = 'rec-note';
  const cancel = document.createElement('button');
  cancel.type = 'button';
  cancel.textContent = 'Cancel';
  cancel.setAttribute('aria-label', 'Cancel the recording (nothing is kept)');
  cancel.dataset.testid = 'record-cancel';
  cancel.onclick = () => controller.cancel();
  box.append(title, bar, text, note, cancel);
  host.append(box);
  let inMemory = false;
  controller.events.on('state', (s) => {
    box.hidden = !s.running;
    if (s.running) {
      title.textContent = '● Recording';
      note.textContent = s.note ?? '';
      inMemory = s.destination === 'memory';
      bar.value = 0;
      text.textContent = 'starting…';
    }
  });
  controller.events.on('progress', (p: RecordProgress) => {
    bar.value = p.untilSteady ? 0 : p.frame / p.frames;
    if (p.untilSteady) bar.removeAttribute('value');
    const count = p.untilSteady ? `frame ${p.frame} (until steady, at most ${p.frames})` : `frame ${p.frame} / ${p.frames}`;
    const size = `${formatBytes(p.bytes)}${inMemory ? ' in memory' : ' written'}`;
    const eta = p.untilSteady ? '' : ` · ETA ${fmtEta(p.etaSeconds)}`;
    text.textContent = `${count} · t = ${fmt(p.simTime, 4)} s · ${size}${eta}`;
  });
}

/** Adds the Record folder to the panel and the progress box to `stageHost`. */
export function recordFolder(gui: GUI, app: App, controller: RecordController, messages: Messages, stageHost: HTMLElement): void {
  const f = gui.addFolder('Record video');
  const d = RecordController.defaults(app.validated);
  const sizes: Record<string, string> = {};
  for (const [id, s] of Object.entries(SIZE_PRESETS)) sizes[s.label] = id;
  const state = {
    duration: d.duration as number,
    steady: false,
    fps: d.fps,
    simPerFrame: d.simPerFrame,
    size: '1080p',
    plot: 'none' as PlotChoice,
    restart: false,
  };
  const info = document.createElement('div');
  info.className = 'record-info';
  info.dataset.testid = 'record-info';
  const formatLine = document.createElement('div');
  formatLine.dataset.testid = 'record-format';
  const planLine = document.createElement('div');
  planLine.dataset.testid = 'record-plan';
  info.append(formatLine, planLine);

  const request = (): PageRecordRequest => {
    const size = SIZE_PRESETS[state.size];
    return {
      duration: state.steady ? 'steady' : state.duration,
      fps: state.fps,
      simPerFrame: state.simPerFrame,
      width: size.width,
      height: size.height,
      format: 'auto',
      plot: state.plot,
      restart: state.restart,
    };
  };
  let formatKey = '';
  const refresh = () => {
    try {
      const r = request();
      const plan = planRecording(app.validated, { ...r, format: 'webm', duration: r.duration!, fps: r.fps!, width: r.width!, height: r.height! });
      planLine.textContent = describePlan(plan);
    } catch (e) {
      planLine.textContent = reasons(e).map((p) => p.message).join('; ');
    }
    const key = `${state.size}|${state.fps}`;
    if (key !== formatKey) {
      formatKey = key;
      void controller.resolve(request()).then(
        ({ note }) => (formatLine.textContent = `Format: ${note}`),
        (e: unknown) => (formatLine.textContent = `Format: ${(e as Error).message}`),
      );
    }
  };

  let prevFps = state.fps;
  tag(f.add(state, 'duration').name('duration [simulated s]').onFinishChange(refresh), 'record.duration');
  tag(f.add(state, 'steady').name('until steady').onChange(refresh), 'record.steady');
  tag(
    f
      .add(state, 'fps', { '24 fps': 24, '30 fps': 30, '60 fps': 60 })
      .name('frame rate')
      .onChange((fps: number) => {
        // Keep the speed (simulated seconds per video second): more frames, same video length.
        state.simPerFrame *= prevFps / fps;
        prevFps = fps;
        perFrame.updateDisplay();
        refresh();
      }),
    'record.fps',
  );
  const perFrame = tag(f.add(state, 'simPerFrame').name('simulated time per frame [s]').onFinishChange(refresh), 'record.simPerFrame');
  tag(f.add(state, 'size', sizes).name('size').onChange(refresh), 'record.size');
  tag(f.add(state, 'plot', { none: 'none', 'entropy production S(t)': 'entropy', 'separation Δc(t)': 'separation' }).name('time-series plot'), 'record.plot');
  tag(f.add(state, 'restart').name('restart from t = 0 first'), 'record.restart');

  const actions = {
    record: async () => {
      if (controller.busy) return;
      let resolved: Awaited<ReturnType<RecordController['resolve']>>;
      try {
        resolved = await controller.resolve(request());
      } catch (e) {
        messages.show('Not recorded', reasons(e));
        return;
      }
      const { request: req } = resolved;
      const name = `${fileStem(app.validated.scenario.name)}.${req.format}`;
      const sink = await pickFileSink(name, req.format);
      if (sink === null) return;
      const note = `${resolved.note} · ${sink ? 'written to your file as it records' : 'held in memory, then downloaded (this browser cannot write files as it goes)'}`;
      try {
        const r = await controller.record(req, sink ? { kind: 'sink', sink } : { kind: 'memory' }, note);
        if (r.data) download(name, new Blob([r.data], { type: r.mimeType }));
        messages.show(`Video saved: ${name}`, [
          {
            path: '',
            message: `${r.frames} frames, ${fmt(r.videoSeconds, 4)} s at ${r.fps} fps, ${r.width} x ${r.height}, ${FORMAT_CODEC[r.format].label} (${r.codec}), ${formatBytes(r.bytes)}; t = ${fmt(r.t0, 4)} to ${fmt(r.frameTimes[r.frameTimes.length - 1], 4)} s`,
          },
        ], 'warning');
      } catch (e) {
        if (e instanceof RecordingCancelled) messages.show('Recording cancelled: no file was kept', [], 'warning');
        else if (e instanceof RecordingFailed) messages.show('The recording stopped', [{ path: '', message: e.message }]);
        else messages.show('The recording stopped', reasons(e));
      }
    },
    png: async () => {
      if (controller.busy) return;
      try {
        const { request: req } = await controller.resolve(request());
        const blob = await controller.snapshot(req);
        download(`${fileStem(app.validated.scenario.name)}-t${Math.round(app.backend.simTime)}s-${req.width}x${req.height}.png`, blob);
      } catch (e) {
        messages.show('No PNG', reasons(e));
      }
    },
  };
  tag(f.add(actions, 'record').name('● record video'), 'record.start');
  tag(f.add(actions, 'png').name('PNG of the video frame'), 'record.png');
  f.$children.append(info);
  progressBox(stageHost, controller);

  // A new scenario (preset, file, grid) gets its own defaults: its duration in a 10-second video.
  app.events.on('scenario', ({ restarted }) => {
    if (restarted) {
      const n = RecordController.defaults(app.validated);
      state.duration = n.duration as number;
      state.simPerFrame = n.duration === 'steady' ? 1 / state.fps : (n.duration as number) / (10 * state.fps);
      for (const c of f.controllers) c.updateDisplay();
    }
    refresh();
  });
  refresh();
}
