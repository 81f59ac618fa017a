import fc from 'fast-check';
import { CsvSyntaxError, neutraliseCell, readCsv, toCsv } from './csv.util';

describe('neutraliseCell', () => {
  it('prefixes an apostrophe to a cell a spreadsheet would read as a formula', () => {
    for (const v of ['=HYPERLINK("http://evil","click")', '+1+2', '-2+3', '@SUM(A1)', '\t=1', '\r=1'])
      expect(neutraliseCell(v)).toBe(`'${v}`);
  });

  it('leaves every other cell as it is, and writes nothing for null', () => {
    for (const v of ['中国工商银行', 'a=b', ' =1', "'quoted", '50000.00', 'SUB-QDFTZ-2026-000001', ''])
      expect(neutraliseCell(v)).toBe(v);
    expect(neutraliseCell(12)).toBe('12');
    expect(neutraliseCell(null)).toBe('');
    expect(neutraliseCell(undefined)).toBe('');
  });
});

describe('toCsv', () => {
  it('writes RFC 4180 fields with the header row, neutralising every cell', () => {
    const csv = toCsv(
      ['reference', 'bank_name', 'note'],
      [
        ['R1', '=HYPERLINK("http://x")', 'a, b'],
        ['R2', '银行', 'line\nbreak and "quote"'],
        ['R3', null, -5],
      ],
    );
    expect(csv).toBe(
      'reference,bank_name,note\n' +
        `R1,"'=HYPERLINK(""http://x"")","a, b"\n` +
        'R2,银行,"line\nbreak and ""quote"""\n' +
        "R3,,'-5\n",
    );
    expect(toCsv(['a'], [['x']], false)).toBe('x\n');
  });

  it('reads back what it wrote', () => {
    const rows = [['a,b', 'x"y', 'multi\nline', '中文']];
    const back = readCsv(toCsv(['c1', 'c2', 'c3', 'c4'], rows));
    expect(back.map((r) => r.fields)).toEqual([['c1', 'c2', 'c3', 'c4'], ...rows]);
  });
});

describe('readCsv', () => {
  it('reads quoted line breaks, doubled quotes, a BOM, CRLF and empty lines, with the line each record starts on', () => {
    const text =
      '\uFEFFreference,amount_yuan\r\n\r\n"SUB-1","50,000.00"\r\n"multi\r\nline ""name""",1\r\nlast , 2 \r\n';
    expect(readCsv(text)).toEqual([
      { line: 1, fields: ['reference', 'amount_yuan'] },
      { line: 3, fields: ['SUB-1', '50,000.00'] },
      { line: 4, fields: ['multi\r\nline "name"', '1'] },
      { line: 6, fields: ['last', '2'] },
    ]);
  });

  it('names the line of a quote left open or a stray character after a closing quote', () => {
    expect(() => readCsv('a,b\n"x"y,1\n')).toThrow(
      new CsvSyntaxError(
        2,
        'line 2: a closing quote is followed by something other than a comma or the end of the line',
      ),
    );
    expect(() => readCsv('a,b\nok,1\n"open,1\n')).toThrow(/^line 3: a quoted field is not closed$/);
  });
});

describe('toCsv and readCsv together', () => {
  it('read back any text written, neutralised (property, 500 random tables)', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', '中', ',', '"', '\n', '\r\n', ' ', '=', '-', '@', '\t', '1') });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { maxLength: 5 }), (rows) => {
        const back = readCsv(toCsv(['a', 'b', 'c'], rows)).map((r) => r.fields);
        expect(back).toEqual([['a', 'b', 'c'], ...rows.map((r) => r.map(neutraliseCell))]);
      }),
      { numRuns: 500 },
    );
  });
});
