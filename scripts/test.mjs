#!/usr/bin/env node
/**
 * The README's test command (`npm test`): makes sure what the tests need is here, then runs every
 * test (in two phases, below). Tests need Debian's Chromium (its SwiftShader gives WebGPU without a GPU, in the browser
 * and in Node through Dawn) and ffmpeg (to check recorded videos). As root it installs them with
 * apt-get; otherwise it says what to install and stops.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

const missing = [];
if (!existsSync('/usr/bin/chromium') || !existsSync('/usr/lib/chromium/vk_swiftshader_icd.json')) missing.push('chromium');
if (!has('ffmpeg') || !has('ffprobe')) missing.push('ffmpeg');
if (missing.length) {
  const line = `apt-get install -y ${missing.join(' ')}`;
  if (process.getuid?.() === 0 && has('apt-get')) {
    console.error(`Installing what the tests need: ${line}`);
    run('apt-get', ['update']);
    run('apt-get', ['install', '-y', ...missing]);
  } else {
    console.error(
      `The tests need Debian's ${missing.join(' and ')} (Chromium's SwiftShader provides WebGPU without a GPU; ffmpeg checks videos).\n` +
        `Install them, then run npm test again:\n\n    sudo ${line}\n`,
    );
    process.exit(1);
  }
}
if (!existsSync('node_modules/.package-lock.json')) run('npm', ['ci']);
/** One vitest run; its exit status. */
const vitest = (args) => spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', ...args], { stdio: 'inherit' }).status ?? 1;
const args = process.argv.slice(2);
if (args.length) {
  process.exit(vitest(args));
} else {
  // The browser tests and the recorder load the built page (dist/); build it once here, before the
  // workers start, rather than inside the first browser test's setup.
  run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', "await (await import('./src/cli/recorder/site.ts')).ensureBuilt((l) => console.error(l));"]);
  // Two phases keep the suite short on a 2-core machine without perturbing what is timed: every
  // test file but the timing-sensitive browser tests on two worker processes, then those alone.
  const TIMED = ['test/e2e/responsive.test.ts', 'test/e2e/speed.test.ts', 'test/e2e/preparing.test.ts'];
  const most = vitest(['--maxWorkers=2', ...TIMED.flatMap((f) => ['--exclude', f])]);
  const timed = vitest(['--maxWorkers=1', ...TIMED]);
  if (most || timed) console.error(`\nSome tests failed (all but the timed browser tests: exit ${most}; timed: exit ${timed}).`);
  process.exit(most || timed);
}
