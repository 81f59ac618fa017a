/** Bytes gathered in one buffer before a fresh one is started. */
const CHUNK_BYTES = 1024 * 1024;

/**
 * Text gathered as UTF-8 bytes, a small piece (a record, a row) at a time, in buffers of about a megabyte. Encoding
 * each piece into a buffer costs a fifth of concatenating a batch into one long string and encoding that at the
 * end: V8 first flattens the long string, and a batch with one Chinese character in it is UTF-16 throughout.
 */
export class Utf8Chunks {
  private chunks: Buffer[] = [];
  private buffer: Buffer | null = null;
  private used = 0;

  add(text: string): void {
    const most = text.length * 3; // a UTF-16 code unit is at most 3 bytes of UTF-8 (a surrogate pair: 4 for 2)
    if (this.buffer === null || this.used + most > this.buffer.length) {
      this.close();
      this.buffer = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, most));
    }
    this.used += this.buffer.write(text, this.used, 'utf8');
  }

  /** The bytes gathered since the last `take`, handed over: they are never written to again. */
  take(): Buffer[] {
    this.close();
    const chunks = this.chunks;
    this.chunks = [];
    return chunks;
  }

  private close(): void {
    if (this.buffer !== null && this.used > 0) this.chunks.push(this.buffer.subarray(0, this.used));
    this.buffer = null;
    this.used = 0;
  }
}
