/**
 * The built site (`npm run build` -> dist/): built when missing or older than its sources, and
 * served by a tiny static server under any path prefix (as a department's web server would). The
 * recorder and the browser tests load the page from here, never from Vite's dev server.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { build } from 'vite';

export const ROOT = join(import.meta.dirname, '../../..');
export const DIST = join(ROOT, 'dist');
/** What the build reads: a change to any of these makes dist/ stale. */
const SOURCES = ['index.html', 'vite.config.ts', 'package.json', 'src', 'shaders', 'presets'];

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let t = st.mtimeMs;
  for (const e of readdirSync(path)) t = Math.max(t, newest(join(path, e)));
  return t;
}

/** Whether `dir` holds a build at least as new as every source file. */
export function isFresh(dir = DIST): boolean {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return false;
  const built = statSync(index).mtimeMs;
  return SOURCES.every((s) => newest(join(ROOT, s)) <= built);
}

/** Builds the site into `outDir` (Vite, base './'). */
export async function buildSite(outDir = DIST): Promise<void> {
  await build({ configFile: join(ROOT, 'vite.config.ts'), root: ROOT, logLevel: 'error', build: { outDir, emptyOutDir: true } });
}

/**
 * dist/ up to date: built when missing or stale (one builder at a time across processes: a lock
 * directory; the others wait and re-check). Returns the folder.
 */
export async function ensureBuilt(log: (line: string) => void = () => undefined): Promise<string> {
  if (isFresh()) return DIST;
  const lock = `${DIST}.lock`;
  const start = Date.now();
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another process builds: wait for it (a lock older than 5 minutes is abandoned).
      if (Date.now() - start > 300_000 || Date.now() - statSync(lock, { throwIfNoEntry: false })!.mtimeMs > 300_000) {
        rmSync(lock, { recursive: true, force: true });
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    if (!isFresh()) {
      log('building the page (npm run build) ...');
      await buildSite();
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
  return DIST;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
  '.ico': 'image/x-icon',
};

export interface StaticServer {
  /** The page's URL, ending in the prefix (e.g. http://localhost:PORT/courses/onsager-lab/). */
  base: string;
  close(): Promise<void>;
}

/**
 * Serves `dir` on a free localhost port under `prefix` (a path like '/courses/onsager-lab/'):
 * files only, no directory listings, no fallbacks; anything outside the prefix is a 404.
 */
export async function serveStatic(dir: string, prefix = '/'): Promise<StaticServer> {
  const root = normalize(dir + sep);
  const server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split(/[?#]/)[0]);
    if (!path.startsWith(prefix)) {
      res.writeHead(404).end('not found');
      return;
    }
    let rel = path.slice(prefix.length);
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = normalize(join(root, rel));
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  const addr = server.address();
  if (!addr || typeof addr === 'string') throw new Error('the static server did not report a port');
  return {
    base: `http://localhost:${addr.port}${prefix}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
