import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { once } from 'events';
import { Readable } from 'stream';
import { chinaDateTime, columns, type ExportFormat, streamExport, type TabularExport } from './tabular-export';

interface Row {
  reference: string;
  name: string;
  amountFen: number | null;
  at: Date | null;
  count: number;
}

const COLUMNS = [
  columns.text<Row>('参考号', (r) => r.reference),
  columns.text<Row>('单位名称', (r) => r.name),
  columns.money<Row>('金额（元）', (r) => r.amountFen),
  columns.datetime<Row>('提交时间', (r) => r.at),
  columns.integer<Row>('件数', (r) => r.count),
];

const ROWS: Row[] = [
  {
    reference: 'APP-1',
    name: '青岛海湾精密机械有限公司',
    amountFen: 5_000_000,
    at: new Date('2026-03-01T16:30:05Z'),
    count: 3,
  },
  { reference: 'APP-2', name: '=HYPERLINK("http://evil","点我")', amountFen: 5, at: null, count: 0 },
  { reference: 'APP-3', name: 'a, "quoted"\nsecond line', amountFen: null, at: new Date(0), count: 12 },
  { reference: '+1', name: '-2', amountFen: 123_456_789, at: null, count: 1 },
  { reference: '@SUM(A1)', name: ' edge ', amountFen: 0, at: null, count: 2 },
];

async function* batches<T>(rows: readonly T[], size = 2): AsyncGenerator<readonly T[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

function table(rows: AsyncIterable<readonly Row[]>): TabularExport<Row> {
  return { fileName: '申请列表', columns: COLUMNS, rows };
}

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

async function exported(format: ExportFormat, rows: AsyncIterable<readonly Row[]> = batches(ROWS)) {
  const file = streamExport(table(rows), format);
  const bytes = await bytesOf(file.stream);
  await file.done;
  return { file, bytes };
}

describe('streamExport as CSV', () => {
  it('writes a UTF-8 BOM, the Chinese header and RFC 4180 records that parse back, with formulas neutralised', async () => {
    const { file, bytes } = await exported('csv');
    expect(file.fileName).toBe('申请列表.csv');
    expect(file.mediaType).toBe('text/csv; charset=utf-8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records: string[][] = parse(bytes, { bom: true, relax_column_count: false });
    expect(records[0]).toEqual(['参考号', '单位名称', '金额（元）', '提交时间', '件数']);
    expect(records.slice(1)).toEqual([
      ['APP-1', '青岛海湾精密机械有限公司', '50000.00', '2026-03-02 00:30:05', '3'],
      ['APP-2', `'=HYPERLINK("http://evil","点我")`, '0.05', '', '0'],
      ['APP-3', 'a, "quoted"\nsecond line', '', '1970-01-01 08:00:00', '12'],
      ["'+1", "'-2", '1234567.89', '', '1'],
      ["'@SUM(A1)", ' edge ', '0.00', '', '2'],
    ]);
    expect(bytes.toString('utf8')).toContain('"a, ""quoted""\nsecond line"');
    expect(bytes.toString('utf8').split('\r\n')).toHaveLength(ROWS.length + 2); // CRLF after every record
  });

  it('writes only the header for no rows', async () => {
    const { bytes } = await exported('csv', batches([]));
    expect(bytes.toString('utf8')).toBe('\uFEFF参考号,单位名称,金额（元）,提交时间,件数\r\n');
  });
});

describe('streamExport as XLSX', () => {
  it('writes a workbook exceljs reads back: bold frozen header, money as yuan numbers with two decimals, China time', async () => {
    const { file, bytes } = await exported('xlsx');
    expect(file.fileName).toBe('申请列表.xlsx');
    expect(file.mediaType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet.name).toBe('申请列表');
    expect(sheet.rowCount).toBe(ROWS.length + 1);
    expect(sheet.getRow(1).values).toEqual([undefined, '参考号', '单位名称', '金额（元）', '提交时间', '件数']);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const first = sheet.getRow(2);
    expect(first.getCell(1).value).toBe('APP-1');
    expect(first.getCell(2).value).toBe('青岛海湾精密机械有限公司');
    expect(first.getCell(3).value).toBe(50000);
    expect(first.getCell(3).numFmt).toBe('#,##0.00');
    expect(first.getCell(3).text).toBe('50000'); // exceljs shows the raw number; the format above is what Excel shows
    expect((first.getCell(4).value as Date).toISOString()).toBe('2026-03-02T00:30:05.000Z'); // the China wall time
    expect(first.getCell(4).numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    expect(first.getCell(5).value).toBe(3);
    // a string is an inline string, never a formula: it is kept as it was
    expect(sheet.getRow(3).getCell(2).value).toBe('=HYPERLINK("http://evil","点我")');
    expect(sheet.getRow(3).getCell(2).type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getRow(3).getCell(3).value).toBe(0.05);
    expect(sheet.getRow(4).getCell(2).value).toBe('a, "quoted"\nsecond line');
    expect(sheet.getRow(4).getCell(3).value).toBeNull();
    expect(sheet.getRow(5).getCell(3).value).toBe(1234567.89);
  });
});

describe('streamExport as XLSX: cells that need care', () => {
  interface Odd {
    text: string | null;
  }
  const odd: Odd[] = [
    { text: '  blanks at both edges  ' },
    { text: 'a & b < c > d "e" \'f\'' },
    { text: 'bell\u0007 and form feed\u000C and a lone \uD800 surrogate, tab\tkept, 𠀀 kept' },
    { text: '' },
    { text: null },
    { text: '第二行\n换行' },
  ];

  it('keeps edge blanks, escapes markup, drops what XML cannot hold, and leaves empty text an empty cell', async () => {
    const file = streamExport<Odd>(
      {
        fileName: 'a:b/c?d*e[f]g\\h 一个很长的工作表名称超过了三十一个字符的限制啊啊啊',
        columns: [columns.text('文本', (r) => r.text)],
        rows: batches(odd),
      },
      'xlsx',
    );
    const bytes = await bytesOf(file.stream);
    await file.done;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet.name).toBe('a_b_c_d_e_f_g_h 一个很长的工作表名称超过了三十');
    expect(sheet.getColumn(1).values.slice(2)).toEqual([
      '  blanks at both edges  ',
      'a & b < c > d "e" \'f\'',
      'bell and form feed and a lone  surrogate, tab\tkept, 𠀀 kept',
      undefined,
      undefined,
      '第二行\n换行',
    ]);
    expect(sheet.getRow(5).getCell(1).value).toBeNull();
  });
});

describe('a source that fails', () => {
  async function* failing(): AsyncGenerator<readonly Row[]> {
    yield ROWS.slice(0, 2);
    throw new Error('the database went away');
  }

  it.each(['csv', 'xlsx'] as const)(
    'fails the %s download with its error, and the producer settles',
    async (format) => {
      const file = streamExport(table(failing()), format);
      await expect(bytesOf(file.stream)).rejects.toThrow('the database went away');
      await file.done;
    },
  );
});

describe('chinaDateTime', () => {
  it('is UTC+8 wall time', () => {
    expect(chinaDateTime(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01 00:00:00');
  });

  it.each([
    '1970-01-01T00:00:00.000Z',
    '2024-02-28T16:59:59.999Z',
    '2026-06-30T23:05:09.500Z',
    '0099-03-04T05:06:07.000Z',
    '9999-12-31T15:59:59.000Z',
  ])('agrees with toISOString for %s', (iso) => {
    const instant = new Date(iso);
    const expected = new Date(instant.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
    expect(chinaDateTime(instant)).toBe(expected);
  });

  it('refuses an invalid date as toISOString does', () => {
    expect(() => chinaDateTime(new Date(Number.NaN))).toThrow(RangeError);
  });
});

/** Rows made on demand, counting how many were asked for and whether the source was closed. */
function source(total: number, batchSize = 1000) {
  const state = { produced: 0, closed: false };
  async function* rows(): AsyncGenerator<readonly Row[]> {
    try {
      while (state.produced < total) {
        const n = Math.min(batchSize, total - state.produced);
        const batch: Row[] = [];
        for (let i = 0; i < n; i++) {
          const k = state.produced + i;
          batch.push({
            reference: `APP-${k}`,
            name: `单位 ${k} 的名称，足够长以占些字节`,
            amountFen: k * 100,
            at: new Date(k * 1000),
            count: k,
          });
        }
        state.produced += n;
        yield batch;
      }
    } finally {
      state.closed = true;
    }
  }
  return { state, rows: rows() };
}

/** The bytes the stream holds now (without switching it to flowing mode). */
async function firstBytes(stream: Readable): Promise<Buffer> {
  for (;;) {
    const chunk = stream.read() as Buffer | null;
    if (chunk) return chunk;
    await once(stream, 'readable');
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe.each(['csv', 'xlsx'] as const)('streaming %s', (format) => {
  it('stops producing while nobody reads, goes on as the reader reads, and ends with every row', async () => {
    const { state, rows } = source(20_000);
    const file = streamExport(table(rows), format);
    for (let i = 0; i < 10; i++) await settle();
    const stalled = state.produced;
    expect(stalled).toBeGreaterThan(0);
    expect(stalled).toBeLessThan(20_000); // back-pressure: the rows wait for the reader
    const first = await firstBytes(file.stream);
    expect(first.length).toBeGreaterThan(0); // bytes arrive before the last row is produced
    const rest = await bytesOf(file.stream);
    await file.done;
    expect(state.produced).toBe(20_000);
    expect(state.closed).toBe(true);
    const bytes = Buffer.concat([first, rest]);
    if (format === 'csv') {
      const records: string[][] = parse(bytes, { bom: true });
      expect(records).toHaveLength(20_001);
      expect(records[20_000]).toEqual([
        'APP-19999',
        '单位 19999 的名称，足够长以占些字节',
        '19999.00',
        '1970-01-01 13:33:19',
        '19999',
      ]);
    } else {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(bytes as unknown as ArrayBuffer);
      expect(book.worksheets[0].rowCount).toBe(20_001);
      expect(book.worksheets[0].getRow(20_001).getCell(3).value).toBe(19999);
    }
  }, 60_000);

  it('stops the source when the reader goes away', async () => {
    const { state, rows } = source(1_000_000);
    const file = streamExport(table(rows), format);
    await firstBytes(file.stream);
    file.stream.destroy();
    await file.done;
    expect(state.closed).toBe(true);
    expect(state.produced).toBeLessThan(1_000_000);
  }, 60_000);
});
