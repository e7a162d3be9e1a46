/**
 * The command line's files: checks that an output can be written before anything runs, and a
 * partial file written at byte positions (the muxers patch headers) next to the target, renamed
 * onto it only when complete and deleted otherwise, also when the process is interrupted.
 */
import { closeSync, existsSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { OptionProblem } from '../../record/options';

/** A problem with writing `path` (named by `option`), or undefined when it can be written. */
export function writableProblem(option: string, path: string): OptionProblem | undefined {
  const full = resolve(path);
  const dir = dirname(full);
  if (existsSync(full) && statSync(full).isDirectory()) return { option, message: `${path} is a directory, not a file` };
  if (!existsSync(dir)) return { option, message: `${path}: the directory ${dir} does not exist` };
  if (!statSync(dir).isDirectory()) return { option, message: `${path}: ${dir} is not a directory` };
  const probe = join(dir, `.onsager-write-test-${process.pid}`);
  try {
    writeFileSync(probe, '');
    unlinkSync(probe);
  } catch (e) {
    return { option, message: `${path}: cannot write in ${dir} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` };
  }
  return undefined;
}

/** Partial files not yet committed: deleted if the process ends early. */
const open = new Set<PartialFile>();
let hooked = false;

function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', () => {
    for (const f of open) f.discard();
  });
}

export class PartialFile {
  readonly tempPath: string;
  private fd: number | undefined;
  /** Bytes: the end of the furthest write. */
  size = 0;

  constructor(readonly path: string) {
    const full = resolve(path);
    this.tempPath = join(dirname(full), `.${basename(full)}.${process.pid}.partial`);
    this.fd = openSync(this.tempPath, 'w');
    open.add(this);
    hookExit();
  }

  /** Writes `data` at byte `position`. */
  write(position: number, data: Uint8Array): void {
    if (this.fd === undefined) throw new Error(`${this.path}: already closed`);
    let done = 0;
    while (done < data.byteLength) done += writeSync(this.fd, data, done, data.byteLength - done, position + done);
    this.size = Math.max(this.size, position + data.byteLength);
  }

  /** Completes the file: flushed, then renamed onto the target (replacing an older one). */
  commit(): void {
    if (this.fd === undefined) throw new Error(`${this.path}: already closed`);
    fsyncSync(this.fd);
    closeSync(this.fd);
    this.fd = undefined;
    renameSync(this.tempPath, resolve(this.path));
    open.delete(this);
  }

  /** Deletes the partial file (safe to call twice, and from an exit handler). */
  discard(): void {
    if (this.fd !== undefined) {
      try {
        closeSync(this.fd);
      } catch {
        // already closed
      }
      this.fd = undefined;
    }
    try {
      unlinkSync(this.tempPath);
    } catch {
      // already gone (or committed)
    }
    open.delete(this);
  }
}

/** Deletes every partial file now (on a signal, before exiting). */
export function discardPartialFiles(): void {
  for (const f of open) f.discard();
}
