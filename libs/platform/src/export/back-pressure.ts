import { once } from 'events';
import type { Writable } from 'stream';

/** The reader went away: the producer stops quietly. */
export class ExportCancelled extends Error {
  constructor() {
    super('the export was cancelled by its reader');
  }
}

/** Writes `chunk`, then waits until `out` takes more, or fails when it was destroyed (the reader went away). */
export async function writeOrWait(out: Writable, chunk: string | Buffer): Promise<void> {
  if (out.destroyed) throw new ExportCancelled();
  if (!out.write(chunk)) await drained(out);
}

/** Waits until `out` is below its high-water mark again, or fails when it was destroyed. */
export async function drained(out: Writable): Promise<void> {
  if (out.destroyed) throw new ExportCancelled();
  if (!out.writableNeedDrain) return;
  const ac = new AbortController();
  try {
    await Promise.race([once(out, 'drain', { signal: ac.signal }), once(out, 'close', { signal: ac.signal })]);
  } finally {
    ac.abort();
  }
  if (out.destroyed) throw new ExportCancelled();
}
