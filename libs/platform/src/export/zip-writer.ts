import type { Writable } from 'stream';
import { pipeline } from 'stream/promises';
import { crc32, createDeflateRaw, deflateRawSync } from 'zlib';
import { ExportCancelled, writeOrWait } from './back-pressure';

/** What a ZIP without ZIP64 records can hold: 4 GiB per entry and in all. */
const ZIP32_LIMIT = 0xffffffff;

/** bit 3: the CRC and sizes follow the data (a streamed entry); bit 11: the name is UTF-8 */
const FLAG_DATA_DESCRIPTOR = 0x0008;
const FLAG_UTF8 = 0x0800;
const METHOD_DEFLATE = 8;
const VERSION = 20; // 2.0: deflate
const CHINA_OFFSET_MS = 8 * 3600 * 1000;

interface Entry {
  name: Buffer;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
}

/**
 * A ZIP archive written as a stream (PKWARE APPNOTE 4.3, without ZIP64): entries one after another, each deflated
 * at `level` — small ones whole (`add`), a large one as its chunks come (`addStream`, its CRC and sizes in a data
 * descriptor after it) — then `finish` writes the central directory. The CRC is zlib's (native), the deflating runs
 * on libuv's thread pool. Every write waits while `out` is full; a destroyed `out` ends the writing with
 * ExportCancelled. The caller ends `out`. (yazl, which the dossiers use, computes its CRC in JavaScript: a tenth of
 * an XLSX export's CPU.)
 */
export class ZipWriter {
  private readonly entries: Entry[] = [];
  private offset = 0;
  private readonly dosTime: number;
  private readonly dosDate: number;

  constructor(
    private readonly out: Writable,
    private readonly level: number,
    /** the entries' modification time (a ZIP keeps a wall time without a zone: China time) */
    at = new Date(),
  ) {
    const wall = new Date(at.getTime() + CHINA_OFFSET_MS);
    this.dosTime = (wall.getUTCHours() << 11) | (wall.getUTCMinutes() << 5) | (wall.getUTCSeconds() >> 1);
    this.dosDate =
      ((Math.max(wall.getUTCFullYear(), 1980) - 1980) << 9) | ((wall.getUTCMonth() + 1) << 5) | wall.getUTCDate();
  }

  /** An entry held whole in memory. */
  async add(name: string, content: string | Buffer): Promise<void> {
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const data = deflateRawSync(bytes, { level: this.level });
    const entry = this.entry(name, FLAG_UTF8, crc32(bytes), data.length, bytes.length);
    await this.write(this.localHeader(entry));
    await this.write(data);
  }

  /** An entry deflated as its chunks come: never more than a chunk and zlib's buffers in memory. */
  async addStream(name: string, chunks: AsyncIterable<string | Buffer>): Promise<void> {
    const entry = this.entry(name, FLAG_UTF8 | FLAG_DATA_DESCRIPTOR, 0, 0, 0);
    await this.write(this.localHeader(entry));
    async function* measured(): AsyncGenerator<Buffer> {
      for await (const chunk of chunks) {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
        entry.crc = crc32(bytes, entry.crc);
        entry.size += bytes.length;
        if (entry.size > ZIP32_LIMIT) throw new RangeError(`${name} is larger than a ZIP without ZIP64 holds (4 GiB)`);
        yield bytes;
      }
    }
    async function* counted(deflated: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
      for await (const chunk of deflated) {
        entry.compressedSize += chunk.length;
        yield chunk;
      }
    }
    try {
      await pipeline(measured, createDeflateRaw({ level: this.level }), counted, this.out, { end: false });
    } catch (e) {
      throw this.out.destroyed && !(e instanceof RangeError) ? new ExportCancelled() : e;
    }
    this.offset += entry.compressedSize;
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(entry.crc >>> 0, 4);
    descriptor.writeUInt32LE(entry.compressedSize, 8);
    descriptor.writeUInt32LE(entry.size, 12);
    await this.write(descriptor);
  }

  /** The central directory and its end record: the archive is complete. */
  async finish(): Promise<void> {
    const start = this.offset;
    if (start > ZIP32_LIMIT) throw new RangeError('the archive is larger than a ZIP without ZIP64 holds (4 GiB)');
    const headers = this.entries.map((e) => {
      const h = Buffer.alloc(46 + e.name.length); // extra field, comment, disk number, attributes: 0
      h.writeUInt32LE(0x02014b50, 0);
      h.writeUInt16LE(VERSION, 4); // made by
      h.writeUInt16LE(VERSION, 6); // needed to extract
      h.writeUInt16LE(e.flags, 8);
      h.writeUInt16LE(METHOD_DEFLATE, 10);
      h.writeUInt16LE(this.dosTime, 12);
      h.writeUInt16LE(this.dosDate, 14);
      h.writeUInt32LE(e.crc >>> 0, 16);
      h.writeUInt32LE(e.compressedSize, 20);
      h.writeUInt32LE(e.size, 24);
      h.writeUInt16LE(e.name.length, 28);
      h.writeUInt32LE(e.offset, 42);
      e.name.copy(h, 46);
      return h;
    });
    const directory = Buffer.concat(headers);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8); // on this disk
    end.writeUInt16LE(this.entries.length, 10); // in all
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(start, 16);
    await this.write(Buffer.concat([directory, end]));
  }

  private entry(name: string, flags: number, crc: number, compressedSize: number, size: number): Entry {
    if (this.offset > ZIP32_LIMIT) throw new RangeError('the archive is larger than a ZIP without ZIP64 holds (4 GiB)');
    const entry = { name: Buffer.from(name, 'utf8'), flags, crc, compressedSize, size, offset: this.offset };
    this.entries.push(entry);
    return entry;
  }

  private localHeader(e: Entry): Buffer {
    const h = Buffer.alloc(30 + e.name.length);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(VERSION, 4);
    h.writeUInt16LE(e.flags, 6);
    h.writeUInt16LE(METHOD_DEFLATE, 8);
    h.writeUInt16LE(this.dosTime, 10);
    h.writeUInt16LE(this.dosDate, 12);
    // a streamed entry's CRC and sizes are 0 here, given in its data descriptor
    h.writeUInt32LE(e.crc >>> 0, 14);
    h.writeUInt32LE(e.compressedSize, 18);
    h.writeUInt32LE(e.size, 22);
    h.writeUInt16LE(e.name.length, 26);
    e.name.copy(h, 30);
    return h;
  }

  private async write(bytes: Buffer): Promise<void> {
    this.offset += bytes.length;
    await writeOrWait(this.out, bytes);
  }
}
