/**
 * `npm run record -- <scenario.json | preset-id> --out FILE.mp4|.webm [options]`: records a
 * frame-exact video of a scenario by driving the page in headless Chromium (the GPU where there is
 * one, SwiftShader otherwise), with a progress bar on stderr and one JSON summary on stdout.
 * Everything is checked before the browser starts. Exit 0 done, 2 bad input (the option or field
 * named), 3 non-finite values, 1 other failures, 130/143 interrupted; no partial file is left.
 */
import { writeFileSync } from 'node:fs';
import { ScenarioError, type Validated } from '../physics/validate';
import { parseRecordArgs, RECORD_USAGE, recordRequestOf, UsageError, type RecordArgs } from './recorder/args';
import type { DriveOutcome, Session } from './recorder/driver';
import { discardPartialFiles, PartialFile, writableProblem } from './recorder/files';
import { FORMAT_CODEC, RecordOptionError, type OptionProblem, type RecordRequest } from '../record/options';
import { describePlan, planRecording, shortVideoWarning } from '../record/plan';
import { loadScenarioArg } from './load';
import { makeProgress } from './progress';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_BAD_INPUT = 2;
export const EXIT_NON_FINITE = 3;

const err = (line: string) => process.stderr.write(line + '\n');
/** Set by SIGINT / SIGTERM: the exit code; whatever the run does afterwards, it is over. */
let interrupted: number | undefined;

function sizeText(n: number): string {
  return n < 1024 * 1024 ? `${(n / 1024).toFixed(0)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function badOptions(problems: readonly OptionProblem[]): number {
  err(`error: ${problems.map((p) => `--${p.option}: ${p.message}`).join('\nerror: ')}`);
  return EXIT_BAD_INPUT;
}

/** Arguments, scenario, request and files, all checked before a browser starts. */
function prepare(argv: readonly string[]): { args: RecordArgs; v: Validated; request: RecordRequest } | number {
  let args: RecordArgs;
  try {
    args = parseRecordArgs(argv);
    if (args.help) {
      process.stdout.write(RECORD_USAGE + '\n');
      return EXIT_OK;
    }
  } catch (e) {
    if (e instanceof UsageError) {
      err(`error: ${e.message}\n\n${RECORD_USAGE}`);
      return EXIT_BAD_INPUT;
    }
    throw e;
  }
  let v: Validated;
  try {
    v = loadScenarioArg(args.scenario, args.sets);
  } catch (e) {
    if (e instanceof ScenarioError) {
      err(`error: the scenario was refused:\n${e.problems.map((p) => `  ${p.message}`).join('\n')}`);
      return EXIT_BAD_INPUT;
    }
    throw e;
  }
  let request: RecordRequest;
  try {
    request = recordRequestOf(args, v);
  } catch (e) {
    if (e instanceof RecordOptionError) return badOptions(e.problems);
    throw e;
  }
  const files: OptionProblem[] = [];
  for (const [option, path] of [
    ['out', args.out],
    ['snapshot', args.snapshot],
  ] as const) {
    const p = path === undefined ? undefined : writableProblem(option, path);
    if (p) files.push(p);
  }
  if (files.length) return badOptions(files);
  return { args, v, request };
}

export async function main(argv: readonly string[]): Promise<number> {
  const ready = prepare(argv);
  if (typeof ready === 'number') return ready;
  const { args, v, request } = ready;
  for (const w of v.warnings) err(`warning: ${w}`);
  const plan = planRecording(v, request);
  const g = v.scenario.grid;
  const what = args.out ? `${request.width}x${request.height} ${FORMAT_CODEC[request.format].label} -> ${args.out}` : `snapshot only -> ${args.snapshot}`;
  err(`${v.scenario.name}: ${g.nx}x${g.ny} cells; ${what}`);
  err(`recording ${describePlan(plan)}`);
  const short = shortVideoWarning(plan);
  if (short) err(`warning: ${short}`);

  let session: Session | undefined;
  const video = args.out ? new PartialFile(args.out) : undefined;
  const stop = (signal: NodeJS.Signals, code: number) =>
    process.once(signal, () => {
      interrupted = code;
      err(`\ninterrupted (${signal}): no file kept`);
      discardPartialFiles();
      void Promise.race([session?.close(), new Promise((r) => setTimeout(r, 3000))]).finally(() => process.exit(code));
    });
  stop('SIGINT', 130);
  stop('SIGTERM', 143);

  const progress = makeProgress(process.stderr, 'recording', 'frames');
  let outcome: DriveOutcome;
  try {
    // Loaded only now: the browser driver pulls in puppeteer and Vite, which a refused option
    // never needs (it exits in well under a second instead of seconds).
    const { startSession } = await import('./recorder/driver');
    const started = await startSession(err);
    session = started.session;
    err('recording...');
    outcome = await started.run({
      scenario: v.scenario,
      view: args.view,
      request,
      ...(video ? { video } : {}),
      snapshot: args.snapshot !== undefined,
      log: err,
      onProgress: (p) => progress.update(p.frame / p.frames, p.simTime, p.frame, `frame ${p.frame}/${p.frames}${p.untilSteady ? ' (until steady)' : ''}  ${sizeText(p.bytes)}`),
    });
  } catch (e) {
    video?.discard();
    await session?.close();
    if (interrupted !== undefined) return interrupted;
    err(`error: the recording could not run: ${(e as Error).message}`);
    return EXIT_FAILED;
  }
  progress.done();
  await session.close();
  if (interrupted !== undefined) return interrupted;

  if (!outcome.ok) {
    video?.discard();
    if (outcome.problems?.length) return badOptions(outcome.problems);
    err(`error: ${outcome.message}`);
    if (outcome.name === 'RecordingFailed') {
      if (outcome.summary) process.stdout.write(JSON.stringify(outcome.summary, null, 2) + '\n');
      return EXIT_NON_FINITE;
    }
    return EXIT_FAILED;
  }
  const f = outcome.facts;
  try {
    video?.commit();
    if (args.snapshot && outcome.png) writeFileSync(args.snapshot, outcome.png);
  } catch (e) {
    video?.discard();
    err(`error: the file could not be written: ${(e as Error).message}`);
    return EXIT_FAILED;
  }
  if (args.out) err(`wrote ${args.out}: ${f.frames} frames, ${Number(f.videoSeconds.toFixed(3))} s at ${f.fps} fps, ${f.width}x${f.height}, ${f.codec}, ${sizeText(f.bytes)}, in ${f.wallSeconds.toFixed(1)} s`);
  if (f.steady) err(f.steady.reached ? `steady at t = ${f.steady.time} s` : `not steady by t = ${f.steady.time} s (the cap): stopped there`);
  if (args.snapshot) err(`wrote ${args.snapshot}: the composed frame at t = ${f.snapshotTime} s`);
  const summary = {
    ...outcome.summary,
    wallSeconds: f.wallSeconds,
    recording: {
      ...(args.out ? { file: args.out } : {}),
      ...(args.snapshot ? { snapshot: args.snapshot } : {}),
      pageBackend: outcome.backend,
      ...f,
    },
  };
  process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
  return EXIT_OK;
}

const code = await main(process.argv.slice(2));
process.stdout.write('', () => process.exit(interrupted ?? code));
