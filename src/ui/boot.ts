/**
 * Start-up: choose the backend, restore the scenario from the link (or open the default preset),
 * build the view and the controls, and start the frame loop. Each part lives in its own module;
 * this file only connects them.
 */
import { requestBrowserGpu } from '../gpu/browser';
import { DEFAULT_PRESET, isPresetId, presetFile } from '../physics/presets';
import { parseScenario, type Validated } from '../physics/validate';
import { FieldView } from '../view/field-view';
import { PaneOverlays } from '../view/overlays';
import { Stage } from '../view/stage';
import { createApi } from './api';
import { App, problemsOf } from './app';
import { ArrowsFollower } from './arrows';
import { IvPanel } from './iv-panel';
import { PotentialView } from './potential';
import type { PageBackend } from './backend';
import { CpuBackend } from './cpu-backend';
import { readEmbedOptions, setupEmbed } from './embed';
import { Exporter } from './exports';
import { GpuBackend } from './gpu-backend';
import { countGpuObjects } from './gpu-objects';
import { destroyOwnDevice } from './device-recovery';
import { FailureGuard } from './failure';
import { debugHooks, recoveringGpu, watchGpuErrors } from './robustness';
import { Guide } from './guide';
import { installKeyboard } from './keyboard';
import { FrameLoop } from './loop';
import { Messages } from './messages';
import { buildPanels } from './panels';
import { Plots } from './plots';
import { PageLayout } from './page-layout';
import { PointerTools } from './pointer';
import { presetView } from './preset-views';
import { SolidMask } from './solid-mask';
import { StepAccuracy } from './step-accuracy';
import { SigmaParts } from './sigma-parts';
import { RateAffinityPlot } from './rate-affinity-plot';
import { RecordController } from './record-controller';
import { PageRecordHost } from './record-host';
import { recordFolder } from './record-panel';
import { shaderSources } from './shader-sources';
import { SpeedController } from './speed';
import { StatusLine } from './status';
import { decodeScenario, parseHash, UrlSync } from './url-state';

function byId<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`index.html lacks #${id}`);
  return el as T;
}

/** The scenario a link asks for: validated, or the reason it was refused. */
async function scenarioFromHash(hash: string): Promise<{ validated?: Validated; error?: { title: string; problems: ReturnType<typeof problemsOf> } }> {
  const req = parseHash(hash);
  if (req.kind === 'none') return {};
  try {
    if (req.kind === 'preset') {
      if (!isPresetId(req.id)) throw new Error(`unknown preset "${req.id}"`);
      return { validated: parseScenario(presetFile(req.id)) };
    }
    return { validated: parseScenario(await decodeScenario(req.payload)) };
  } catch (e) {
    return { error: { title: 'The link could not be opened; showing the default scenario instead', problems: problemsOf(e) } };
  }
}

async function chooseBackend(v: Validated): Promise<{ backend: PageBackend; gpu?: GpuBackend; device?: GPUDevice; why?: string }> {
  const gpu = await requestBrowserGpu();
  if (!('error' in gpu)) {
    countGpuObjects(gpu.device);
    try {
      const backend = await GpuBackend.create(gpu.device, gpu.adapter, shaderSources, v);
      return { backend, gpu: backend, device: gpu.device };
    } catch (e) {
      destroyOwnDevice(gpu.device);
      return { backend: new CpuBackend(v), why: `the GPU solver could not start (${(e as Error).message})` };
    }
  }
  return { backend: new CpuBackend(v), why: gpu.error };
}

/**
 * The parts of sigma, the plots, and the views each preset opens with (the sigma part and range,
 * plots, profile field): applied at start and whenever a scenario is loaded.
 */
function storyViews(app: App, view: FieldView, loop: FrameLoop, embed: boolean): Plots | undefined {
  const parts = new SigmaParts(app, view);
  const plots = embed ? undefined : new Plots(byId('plots'), app, parts);
  if (!embed) new PageLayout(app, byId('stage'), byId('plots'), view, () => loop.invalidateLayout());
  if (!embed) new RateAffinityPlot(byId('plots'), app);
  app.updateSettings(presetView(app.validated));
  app.events.on('scenario', ({ validated, loaded }) => {
    if (loaded) app.updateSettings(presetView(validated));
  });
  return plots;
}

export async function boot(): Promise<void> {
  const embed = readEmbedOptions(location.search);
  const messages = new Messages(byId('messages'));
  const fromLink = await scenarioFromHash(location.hash);
  const initial = fromLink.validated ?? parseScenario(presetFile(DEFAULT_PRESET));

  const chosen = await chooseBackend(initial);
  const { device, why } = chosen;
  const canvas = byId<HTMLCanvasElement>('view');
  const stage = await Stage.create(canvas, device);
  // Set once the view and the loop exist (a device loss rebinds them).
  const late: { view?: FieldView; loop?: FrameLoop } = {};
  const backend = chosen.gpu && device ? recoveringGpu(chosen.gpu, device, () => guard, stage, late, messages) : chosen.backend;
  const app = new App(backend, initial);
  const guard = new FailureGuard(app, (title, problems) => messages.show(title, problems));
  app.guard = guard;
  if (backend instanceof CpuBackend) backend.onError = (m) => messages.show('The CPU simulation stopped', [{ path: '', message: m }]);
  if (device) watchGpuErrors(device, guard);
  if (why) {
    const note = byId('fallback-note');
    const g = initial.scenario.grid;
    const r = backend.running.scenario.grid;
    note.hidden = false;
    note.textContent =
      `No WebGPU here (${why}). The simulation runs on the CPU reference solver instead, at a reduced grid ` +
      `(${r.nx} x ${r.ny} cells instead of ${g.nx} x ${g.ny}), and is drawn with WebGL2. Everything else works; ` +
      `for full speed open this page in a browser with WebGPU (recent Chrome, Edge, or Firefox/Safari with WebGPU enabled).`;
  }

  const overlays = new PaneOverlays(byId('overlays'));
  const view = new FieldView(stage, backend.textures);
  const loop = new FrameLoop(app, stage, view, overlays);
  late.view = view;
  late.loop = loop;
  const playButton = byId<HTMLButtonElement>('btn-play');
  const status = new StatusLine(app, loop.rates, {
    status: byId('status'),
    title: byId('scenario-title'),
    badge: byId('backend-badge'),
    caption: byId('caption'),
    play: playButton,
  });
  const urlSync = new UrlSync();
  const exporter = new Exporter(app, stage, view, overlays, urlSync, () => loop.syncLayout());
  const plots = storyViews(app, view, loop, embed.embed);
  const pointer = new PointerTools(app, view, stage, byId('probe'));
  new ArrowsFollower(app, view);
  const potential = new PotentialView(app, view);
  new SolidMask(app, view);
  const iv = embed.embed ? undefined : new IvPanel(byId('plots'), app);

  app.events.on('scenario', ({ validated }) => {
    status.scenarioChanged(validated);
    urlSync.schedule(validated.scenario);
    loop.invalidateLayout();
  });
  app.events.on('error', ({ title, problems }) => messages.show(title, problems));
  app.events.on('settings', (s) => {
    status.playingChanged(s.playing);
    loop.invalidateLayout();
  });
  app.events.on('readback', (rb) => pointer.readback(rb));
  loop.onFrame = () => status.update();

  const speed = new SpeedController(app, loop.counters);
  loop.speed = speed;
  if (backend.kind === 'webgpu') speed.frameCost = loop.cost;
  status.speed = speed;
  // rkl2 / implicit steps under the command line's accuracy rule (physics/adaptive.ts).
  const accuracy = new StepAccuracy(app);
  speed.accuracy = accuracy;
  accuracy.onChange = () => speed.replan();
  status.accuracy = accuracy;
  speed.replan();
  const stepsPerPress = () => (app.settings.stepsPerFrame > 0 ? app.settings.stepsPerFrame : speed.stepsPerPress());
  playButton.onclick = () => app.toggle();
  byId<HTMLButtonElement>('btn-step').onclick = () => void app.step(stepsPerPress());
  byId<HTMLButtonElement>('btn-reset').onclick = () => app.reset();
  installKeyboard({
    toggle: () => app.toggle(),
    step: () => void app.step(stepsPerPress()),
    reset: () => app.reset(),
    togglePanels: () => {
      document.body.classList.toggle('panels-hidden');
      loop.invalidateLayout();
    },
    fullscreen: () => {
      if (document.fullscreenElement) void document.exitFullscreen();
      else void document.documentElement.requestFullscreen?.().catch(() => undefined);
    },
  });

  const recorder = new RecordController(new PageRecordHost(app, loop, stage, view, () => status.update()));
  new Guide({ search: location.search, embed: embed.embed, toolbar: byId('transport') });
  if (embed.embed) setupEmbed(app, embed, byId('transport'));
  else recordFolder(buildPanels(app, byId('gui-host'), exporter, messages, speed), app, recorder, messages, byId('stage'));

  window.addEventListener('hashchange', () => {
    if (location.hash === urlSync.lastWritten) return;
    void scenarioFromHash(location.hash).then((r) => {
      if (r.error) messages.show('The link could not be opened; the current scenario keeps running', r.error.problems);
      else if (r.validated) {
        try {
          app.apply(r.validated);
          app.reset();
        } catch (e) {
          messages.show('The link could not be opened; the current scenario keeps running', problemsOf(e));
        }
      }
    });
  });

  window.onsager = createApi(app, {
    link: () => urlSync.flush(app.validated.scenario),
    snapshot: () => exporter.png(),
    messages: () => messages.text,
    perf: () => ({ ...loop.counters, ...loop.rates, steps: backend.steps, simTime: backend.simTime }),
    measure: (n) => loop.measure(n),
    showError: (title, e) => messages.show(title, problemsOf(e)),
    limitedBy: () => speed.plan?.limitedBy ?? null,
    recorder,
    debug: {
      ...debugHooks(backend, guard, loop.cost, speed),
      stepAccuracy: () => accuracy.debug(),
      contours: () => ({ phiComputations: potential.contourMemo.computations, segments: view.contours.segments }),
    },
    phi: () => potential.field(),
    ivSweep: async (request = {}) => {
      if (!iv) throw new Error('ivSweep: not available in an embed');
      return iv.sweep(request);
    },
  });

  status.scenarioChanged(initial);
  status.playingChanged(app.settings.playing);
  if (fromLink.error) messages.show(fromLink.error.title, fromLink.error.problems);
  else if (fromLink.validated) urlSync.lastWritten = location.hash;
  else urlSync.schedule(initial.scenario);
  void plots;
  loop.start();
  await app.refresh(true);
}
