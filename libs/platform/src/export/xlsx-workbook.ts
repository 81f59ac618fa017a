import { Readable, type Writable } from 'stream';
import { pipeline } from 'stream/promises';
import { ZipFile } from 'yazl';
import { constants } from 'zlib';
import { ExportCancelled } from './back-pressure';
import { Utf8Chunks } from './utf8-chunks';

/** How a column's numbers are shown: text columns hold inline strings; the others a number format. */
export type XlsxFormat = 'text' | 'integer' | 'money' | 'datetime';

/** One column of a one-sheet workbook: its header, its width in characters, its format. */
export interface XlsxColumn {
  header: string;
  width: number;
  format: XlsxFormat;
}

/** A cell: text (an inline string, never a formula), a number (a datetime column's: see `spreadsheetDay`), or none. */
export type XlsxValue = string | number | null | undefined;

/**
 * A one-sheet workbook: the sheet's name, its columns, its rows (after the header) batch by batch, and each row's
 * cells (asked for as the row is written, so they are garbage at once).
 */
export interface XlsxSheet<R> {
  name: string;
  columns: readonly XlsxColumn[];
  rows: AsyncIterable<readonly R[]>;
  cells: (row: R) => readonly XlsxValue[];
}

/** styles.xml's cell formats (cellXfs), by index: the default, the bold header, then one per number format. */
const STYLE_IDS: Record<XlsxFormat | 'header', number> = { text: 0, header: 1, money: 2, datetime: 3, integer: 4 };

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

const CONTENT_TYPES =
  XML_HEAD +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
  '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
  '</Types>';

const PACKAGE_RELS =
  XML_HEAD +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/>` +
  '</Relationships>';

const WORKBOOK_RELS =
  XML_HEAD +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  `<Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>` +
  `<Relationship Id="rId2" Type="${REL_NS}/styles" Target="styles.xml"/>` +
  '</Relationships>';

/** Calibri 11 and its bold; money '#,##0.00' (built-in 4), China time 'yyyy-mm-dd hh:mm:ss', integers '0' (1). */
const STYLES =
  XML_HEAD +
  `<styleSheet xmlns="${MAIN_NS}">` +
  '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm:ss"/></numFmts>' +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>' +
  '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="5">' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
  '<xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '</cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

function workbookXml(sheetName: string): string {
  return (
    XML_HEAD +
    `<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
    `<bookViews><workbookView/></bookViews><sheets><sheet name="${xmlAttribute(sheetName)}" sheetId="1" r:id="rId1"/></sheets>` +
    '</workbook>'
  );
}

/** What XML 1.0 cannot hold (control characters, lone surrogates, U+FFFE/U+FFFF) and what it must escape. */
const XML_UNSAFE = /[&<>"\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/u; // eslint-disable-line no-control-regex -- what XML cannot hold
const XML_UNSAFE_ALL = new RegExp(XML_UNSAFE.source, 'gu');
const XML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Text as XML character data or an attribute value: entities escaped, characters XML cannot hold dropped. */
export function xmlText(text: string): string {
  return XML_UNSAFE.test(text) ? text.replace(XML_UNSAFE_ALL, (c) => XML_ENTITIES[c] ?? '') : text;
}

const xmlAttribute = xmlText;

/** The column's letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetters(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

const DAY_MS = 24 * 3600 * 1000;
/** 1970-01-01 as a spreadsheet serial day (the 1900 date system) */
const UNIX_EPOCH_SERIAL = 25569;

/** A wall time (milliseconds since 1970-01-01 00:00 of that wall clock) as a spreadsheet's serial day and fraction. */
export function spreadsheetDay(wallTimeMs: number): number {
  return UNIX_EPOCH_SERIAL + wallTimeMs / DAY_MS;
}

/**
 * The sheet's XML, as it is written: the head (frozen header row, column widths and formats), each row, and the
 * tail. Empty cells (null, undefined, '', a number that is not finite) are left out.
 */
export class XlsxSheetXml {
  /** `<c r="B` for each column: a cell's opening up to its row number */
  private readonly opens: string[];
  /** `" s="2"><v>` (or `"><v>`) for each column: a number cell's style */
  private readonly numberStyles: string[];
  private rowNumber = 1;

  constructor(private readonly columns: readonly XlsxColumn[]) {
    this.opens = columns.map((_, i) => `<c r="${columnLetters(i)}`);
    const styled = (id: number) => (id === 0 ? '"><v>' : `" s="${id}"><v>`);
    this.numberStyles = columns.map((c) => styled(STYLE_IDS[c.format]));
  }

  /** Up to and with the header row. */
  head(): string {
    const cols = this.columns
      .map((c, i) => {
        const style = STYLE_IDS[c.format] === 0 ? '' : ` style="${STYLE_IDS[c.format]}"`;
        return `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"${style}/>`;
      })
      .join('');
    const header = this.columns
      .map((c, i) => `${this.opens[i]}1" s="${STYLE_IDS.header}" t="inlineStr"><is>${inlineText(c.header)}</is></c>`)
      .join('');
    return (
      XML_HEAD +
      `<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
      '<sheetViews><sheetView workbookViewId="0">' +
      '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
      '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>' +
      '</sheetView></sheetViews>' +
      '<sheetFormatPr defaultRowHeight="15"/>' +
      `<cols>${cols}</cols><sheetData>` +
      `<row r="1" s="${STYLE_IDS.header}" customFormat="1">${header}</row>`
    );
  }

  /** The next row. */
  row(values: readonly XlsxValue[]): string {
    const { opens, numberStyles } = this;
    const r = ++this.rowNumber;
    let xml = `<row r="${r}">`;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (typeof v === 'string') {
        if (v !== '') xml += `${opens[i]}${r}" t="inlineStr"><is>${inlineText(v)}</is></c>`;
      } else if (typeof v === 'number') {
        if (Number.isFinite(v)) xml += `${opens[i]}${r}${numberStyles[i]}${v}</v></c>`;
      }
    }
    return `${xml}</row>`;
  }

  tail(): string {
    return '</sheetData></worksheet>';
  }
}

/** An inline string's `<t>`, keeping blanks at its edges (which XML readers may otherwise drop). */
function inlineText(text: string): string {
  const edgeBlank = text.charCodeAt(0) <= 32 || text.charCodeAt(text.length - 1) <= 32;
  return edgeBlank ? `<t xml:space="preserve">${xmlText(text)}</t>` : `<t>${xmlText(text)}</t>`;
}

/**
 * zlib's fastest level: an export's sheet XML still deflates about eight times, at a fraction of the default level's
 * CPU (the deflating runs on libuv's thread pool, beside the rows being written).
 */
const DEFLATE_LEVEL = constants.Z_BEST_SPEED;

/**
 * Writes a one-sheet XLSX workbook to `out` as its rows come: the workbook's few small parts, then the sheet's XML,
 * deflated into the ZIP batch by batch, as fast as `out` takes it. Text cells are inline strings (no shared strings
 * table to hold in memory); the header row is bold and frozen. A destroyed `out` ends it with ExportCancelled; the
 * rows' source is closed in every case.
 */
export async function writeXlsxWorkbook<R>(out: Writable, sheet: XlsxSheet<R>): Promise<void> {
  // the rows' source is opened (its first batch read) before a byte is written: a reader that goes away at the
  // first bytes still ends the query behind it, in `finally`
  const batches = sheet.rows[Symbol.asyncIterator]();
  let next = await batches.next();
  try {
    // yazl (as the dossiers): each part deflated as it comes, ZIP64 records should a sheet ever pass 4 GiB
    const zip = new ZipFile();
    const options = { mtime: new Date(), compressionLevel: DEFLATE_LEVEL };
    zip.addBuffer(Buffer.from(CONTENT_TYPES, 'utf8'), '[Content_Types].xml', options);
    zip.addBuffer(Buffer.from(PACKAGE_RELS, 'utf8'), '_rels/.rels', options);
    zip.addBuffer(Buffer.from(workbookXml(sheet.name), 'utf8'), 'xl/workbook.xml', options);
    zip.addBuffer(Buffer.from(WORKBOOK_RELS, 'utf8'), 'xl/_rels/workbook.xml.rels', options);
    zip.addBuffer(Buffer.from(STYLES, 'utf8'), 'xl/styles.xml', options);
    const xml = new XlsxSheetXml(sheet.columns);
    const bytes = new Utf8Chunks();
    async function* sheetXml(): AsyncGenerator<Buffer> {
      bytes.add(xml.head());
      while (!next.done) {
        for (const row of next.value) bytes.add(xml.row(sheet.cells(row)));
        yield* bytes.take();
        next = await batches.next();
      }
      bytes.add(xml.tail());
      yield* bytes.take();
    }
    const source = Readable.from(sheetXml(), { objectMode: false });
    let failed: unknown = null;
    source.once('error', (e) => {
      failed = e;
      (zip.outputStream as unknown as Readable).destroy(e as Error);
    });
    zip.addReadStream(source, 'xl/worksheets/sheet1.xml', options);
    zip.end();
    try {
      await pipeline(zip.outputStream, out, { end: false });
    } catch (e) {
      source.destroy();
      if (failed) throw failed;
      throw out.destroyed ? new ExportCancelled() : e;
    }
    if (failed) throw failed;
  } finally {
    if (!next.done) await batches.return?.();
  }
}
