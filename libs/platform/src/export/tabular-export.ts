import { formatYuan } from '@app/domain';
import { PassThrough, type Readable, type Writable } from 'stream';
import { neutraliseCell } from '../csv.util';
import { ExportCancelled, writeOrWait } from './back-pressure';
import { Utf8Chunks } from './utf8-chunks';
import { spreadsheetDay, writeXlsxWorkbook, type XlsxFormat, type XlsxValue } from './xlsx-workbook';

/** The two forms every list is exported in. */
export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The media type of each form (the CSV is UTF-8 with a byte-order mark, so Excel reads Chinese right). */
export const EXPORT_MEDIA_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** How a column's values are written. */
export type ColumnKind = 'text' | 'integer' | 'money' | 'datetime' | 'date';

/** One column of an export: its Chinese header, how to read its value from a row, and how to write it. */
export interface ExportColumn<T> {
  header: string;
  kind: ColumnKind;
  /** text: a string; integer: a number; money: whole fen; datetime: an instant; date: 'YYYY-MM-DD' */
  value: (row: T) => string | number | Date | null | undefined;
  /** width in characters in the XLSX (a guess from the header when absent) */
  width?: number;
}

/** Column builders: `columns.text('参考号', (a) => a.reference)`, `columns.money('金额（元）', (d) => d.amountFen)`. */
export const columns = {
  text: <T>(header: string, value: (row: T) => string | null | undefined, width?: number): ExportColumn<T> => ({
    header,
    kind: 'text',
    value,
    width,
  }),
  integer: <T>(header: string, value: (row: T) => number | null | undefined, width?: number): ExportColumn<T> => ({
    header,
    kind: 'integer',
    value,
    width,
  }),
  /** an amount in fen, written in yuan with two decimals */
  money: <T>(header: string, fen: (row: T) => number | null | undefined, width?: number): ExportColumn<T> => ({
    header,
    kind: 'money',
    value: fen,
    width,
  }),
  /** an instant, written in China time (YYYY-MM-DD HH:mm:ss) */
  datetime: <T>(header: string, value: (row: T) => Date | null | undefined, width?: number): ExportColumn<T> => ({
    header,
    kind: 'datetime',
    value,
    width,
  }),
  /** a calendar date 'YYYY-MM-DD' */
  date: <T>(header: string, value: (row: T) => string | null | undefined, width?: number): ExportColumn<T> => ({
    header,
    kind: 'date',
    value,
    width,
  }),
};

/**
 * A list to export: the file's name (Chinese is fine; the extension is added), the sheet's name, the columns, and the
 * rows as an async iterable of batches (a database cursor: see `cursorBatches`, never the whole result at once).
 * Stopping the iteration (its `return`) must release what feeds it: a cancelled download ends there.
 */
export interface TabularExport<T> {
  fileName: string;
  sheetName?: string;
  columns: readonly ExportColumn<T>[];
  rows: AsyncIterable<readonly T[]>;
}

/** A prepared download: what the HTTP layer sends. */
export interface ExportFile {
  fileName: string;
  mediaType: string;
  /** the bytes, produced as the reader reads them; destroying it stops the producer and its query */
  stream: Readable;
  /** settles when the producer has stopped (finished, failed or cancelled) and released its rows' source */
  done: Promise<void>;
}

const CHINA_OFFSET_MS = 8 * 3600 * 1000;

const twoDigits = (n: number): string => (n < 10 ? `0${n}` : String(n));

/**
 * An instant as China wall time, 'YYYY-MM-DD HH:mm:ss' (UTC+8 all year); a RangeError for an invalid date. Two a row
 * in most exports: built from its fields, at half the cost of slicing toISOString.
 */
export function chinaDateTime(instant: Date): string {
  const wall = new Date(instant.getTime() + CHINA_OFFSET_MS);
  const year = wall.getUTCFullYear();
  if (Number.isNaN(year) || year < 0 || year > 9999) return wall.toISOString().slice(0, 19).replace('T', ' '); // throws when invalid
  return (
    `${String(year).padStart(4, '0')}-${twoDigits(wall.getUTCMonth() + 1)}-${twoDigits(wall.getUTCDate())} ` +
    `${twoDigits(wall.getUTCHours())}:${twoDigits(wall.getUTCMinutes())}:${twoDigits(wall.getUTCSeconds())}`
  );
}

function cellText<T>(column: ExportColumn<T>, row: T): string {
  const v = column.value(row);
  if (v === null || v === undefined) return '';
  switch (column.kind) {
    case 'money':
      return formatYuan(v as number);
    case 'datetime':
      return chinaDateTime(v as Date);
    case 'integer':
      return String(v);
    case 'date':
    case 'text':
      return neutraliseCell(String(v));
  }
}

/** RFC 4180: a field holding a comma, a quote, a line break or edge blanks is quoted, its quotes doubled. */
export function csvField(text: string): string {
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV record (CRLF-terminated, as RFC 4180 says). */
export function csvRecord(fields: readonly string[]): string {
  return fields.map(csvField).join(',') + '\r\n';
}

const BOM = '\uFEFF';

/** Writes the CSV (BOM, header, rows) to `out`, waiting whenever `out` is full. */
export async function writeCsv<T>(table: TabularExport<T>, out: Writable): Promise<number> {
  await writeOrWait(out, BOM + csvRecord(table.columns.map((c) => neutraliseCell(c.header))));
  let count = 0;
  const bytes = new Utf8Chunks();
  for await (const batch of table.rows) {
    for (const row of batch) bytes.add(csvRecord(table.columns.map((c) => cellText(c, row))));
    count += batch.length;
    for (const chunk of bytes.take()) await writeOrWait(out, chunk);
  }
  return count;
}

const XLSX_FORMATS: Record<ColumnKind, XlsxFormat> = {
  text: 'text',
  date: 'text', // 'YYYY-MM-DD', as the list gives it
  integer: 'integer',
  money: 'money',
  datetime: 'datetime',
};

function xlsxValue<T>(column: ExportColumn<T>, row: T): XlsxValue {
  const v = column.value(row);
  if (v === null || v === undefined) return null;
  switch (column.kind) {
    case 'money':
      return Number(formatYuan(v as number)); // the yuan as a number (exact to the fen: fen < 2^53)
    case 'datetime':
      // a spreadsheet date has no zone: it shows the China wall-clock time
      return spreadsheetDay((v as Date).getTime() + CHINA_OFFSET_MS);
    case 'integer':
      return v as number;
    case 'date':
    case 'text':
      return String(v); // an inline string cell is never evaluated as a formula
  }
}

/**
 * Writes the XLSX to `out` (see writeXlsxWorkbook): the header row bold and frozen, money as yuan numbers shown
 * with two decimals, instants as China-time dates, each batch of rows deflated as it comes.
 */
export async function writeXlsx<T>(table: TabularExport<T>, out: Writable): Promise<number> {
  let count = 0;
  async function* rows(): AsyncGenerator<readonly T[]> {
    for await (const batch of table.rows) {
      count += batch.length;
      yield batch;
    }
  }
  await writeXlsxWorkbook(out, {
    name: sheetName(table.sheetName ?? table.fileName),
    columns: table.columns.map((c) => ({
      header: c.header,
      width: c.width ?? Math.max(10, c.header.length * 2 + 2),
      format: XLSX_FORMATS[c.kind],
    })),
    rows: rows(),
    cells: (row) => table.columns.map((c) => xlsxValue(c, row)),
  });
  return count;
}

/** A sheet name Excel accepts: at most 31 characters, none of : \ / ? * [ ]. */
function sheetName(name: string): string {
  return name.replace(/[:\\/?*[\]]/g, '_').slice(0, 31) || 'Sheet1';
}

/**
 * Starts the export and hands back its stream: the producer runs as the reader reads, and stops (closing the rows'
 * source, so the query ends) when the stream is destroyed, e.g. because the download was cancelled.
 */
export function streamExport<T>(table: TabularExport<T>, format: ExportFormat): ExportFile {
  const out = new PassThrough({ highWaterMark: 64 * 1024 });
  const write = format === 'csv' ? writeCsv : writeXlsx;
  const done = write(table, out).then(
    () => {
      if (!out.destroyed) out.end();
    },
    (e: unknown) => {
      if (!(e instanceof ExportCancelled) && !out.destroyed) out.destroy(e as Error);
    },
  );
  return { fileName: `${table.fileName}.${format}`, mediaType: EXPORT_MEDIA_TYPES[format], stream: out, done };
}
