import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

/** A cell of a CSV file we write: text, a number, or nothing (an empty cell). */
export type CsvCell = string | number | null | undefined;

/**
 * A cell a spreadsheet would read as a formula (it starts with = + - @, or a tab or carriage return that some
 * spreadsheets skip before looking) gets a leading apostrophe, so `=HYPERLINK(...)` from a bank name is shown as
 * text, never evaluated. Every CSV or spreadsheet cell this system writes goes through here.
 */
export function neutraliseCell(value: CsvCell): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/**
 * RFC 4180 CSV (fields quoted when they hold a comma, quote or line break; quotes doubled) with a header row, every
 * cell neutralised. Records end with LF, as Excel, LibreOffice and csv-parse all read.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[], withHeader = true): string {
  return stringify(
    rows.map((r) => r.map(neutraliseCell)),
    { header: withHeader, columns: header.map((h) => neutraliseCell(h)), quoted_match: /^\s|\s$/ },
  );
}

/** One record of a CSV file as read: its fields and the line it starts on (a quoted field may span lines). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** Why a CSV text cannot be read at all, with the line it happened on. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Reads RFC 4180 CSV (quoted fields with commas, doubled quotes and line breaks; a UTF-8 byte-order mark; CRLF or
 * LF; empty lines skipped; records may have fewer or more fields than the header) with csv-parse. Fields are
 * trimmed. Throws CsvSyntaxError naming the line of a quote left open or a stray character after a closing quote.
 */
export function readCsv(text: string): CsvRecord[] {
  let records: { record: string[]; raw: string; info: { bytes: number } }[];
  const bytes = Buffer.from(text, 'utf8');
  try {
    records = parse(bytes, {
      bom: true,
      info: true,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as typeof records; // with info and raw, csv-parse returns these shapes (its types do not say so)
  } catch (e) {
    const err = e as { lines?: number; code?: string };
    const line = typeof err.lines === 'number' ? err.lines : 1;
    const why =
      err.code === 'CSV_QUOTE_NOT_CLOSED'
        ? 'a quoted field is not closed'
        : err.code === 'CSV_INVALID_CLOSING_QUOTE'
          ? 'a closing quote is followed by something other than a comma or the end of the line'
          : 'the text is not CSV';
    throw new CsvSyntaxError(line, `line ${line}: ${why}`);
  }
  const breaks: number[] = [];
  for (let i = bytes.indexOf(10); i >= 0; i = bytes.indexOf(10, i + 1)) breaks.push(i);
  return records.map(({ record, raw, info }) => {
    // the record ends at byte info.bytes (after its line break, if any); it starts as many lines earlier as it
    // holds line breaks inside quotes (csv-parse's own line count counts CR and LF apart inside quotes)
    const inner =
      raw
        .replace(/^[\r\n]+/, '')
        .replace(/[\r\n]+$/, '')
        .split('\n').length - 1;
    return { line: lineAt(breaks, info.bytes - 1) - inner, fields: record };
  });
}

/** The line (from 1) of the byte at `offset`, given the offsets of every LF in order: 1 + the LFs before it. */
function lineAt(breaks: readonly number[], offset: number): number {
  let lo = 0;
  let hi = breaks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (breaks[mid] < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo + 1;
}
