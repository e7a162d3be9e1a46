/**
 * The whole scenario in the URL hash, compressed: `#s=<payload>` where payload is `z.` + base64url
 * of the deflate-raw'd scenario JSON (or `j.` + base64url of plain JSON where the browser has no
 * CompressionStream). `#preset=<id>` names a built-in scenario. The hash is rewritten with
 * history.replaceState (no history entry per slider move) shortly after each change.
 */
import type { Scenario } from '../physics/scenario';

function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('the link is damaged (characters that base64url does not use)');
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  let bin: string;
  try {
    bin = atob(b64);
  } catch {
    throw new Error('the link is damaged (not base64url)');
  }
  return Uint8Array.from(bin, (ch) => ch.charCodeAt(0));
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

/** The hash payload of a scenario. */
export async function encodeScenario(s: Scenario): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(s));
  if (typeof CompressionStream === 'undefined') return 'j.' + toBase64Url(json);
  return 'z.' + toBase64Url(await pipe(json, new CompressionStream('deflate-raw')));
}

/** The raw scenario object in a hash payload (to be validated); throws with a plain message. */
export async function decodeScenario(payload: string): Promise<unknown> {
  const kind = payload.slice(0, 2);
  if (kind !== 'z.' && kind !== 'j.') throw new Error('the link is damaged (unknown format; expected #s=z.… or #s=j.…)');
  let bytes = fromBase64Url(payload.slice(2));
  if (kind === 'z.') {
    try {
      bytes = await pipe(bytes, new DecompressionStream('deflate-raw'));
    } catch {
      throw new Error('the link is damaged (its compressed scenario does not decompress); was it cut short?');
    }
  }
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new Error('the link is damaged (its scenario is not valid JSON)');
  }
}

/** What a page hash asks for. */
export type HashRequest = { kind: 'none' } | { kind: 'preset'; id: string } | { kind: 'scenario'; payload: string };

export function parseHash(hash: string): HashRequest {
  const h = hash.replace(/^#/, '');
  if (!h) return { kind: 'none' };
  const params = new URLSearchParams(h);
  const s = params.get('s');
  if (s !== null) return { kind: 'scenario', payload: s };
  const p = params.get('preset');
  if (p !== null) return { kind: 'preset', id: p };
  return { kind: 'scenario', payload: h };
}

/** Keeps `location.hash` equal to the current scenario (debounced). */
export class UrlSync {
  private timer = 0;
  private seq = 0;
  /** The hash this page wrote last (so a hashchange it caused is not re-applied). */
  lastWritten = '';

  constructor(private readonly delayMs = 250) {}

  schedule(s: Scenario): void {
    clearTimeout(this.timer);
    const mine = ++this.seq;
    this.timer = window.setTimeout(async () => {
      const payload = await encodeScenario(s);
      if (mine !== this.seq) return;
      const url = new URL(location.href);
      url.hash = `s=${payload}`;
      this.lastWritten = url.hash;
      history.replaceState(history.state, '', url);
    }, this.delayMs);
  }

  /** Writes immediately (e.g. before copying the link). */
  async flush(s: Scenario): Promise<string> {
    clearTimeout(this.timer);
    this.seq++;
    const url = new URL(location.href);
    url.hash = `s=${await encodeScenario(s)}`;
    this.lastWritten = url.hash;
    history.replaceState(history.state, '', url);
    return url.href;
  }
}
