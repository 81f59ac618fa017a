import { DomainError } from '@app/domain';
import { parseStatement } from './reconcile-statement.usecase';

const problemsOf = (csv: string): string[] => {
  try {
    parseStatement(csv);
  } catch (e) {
    if (e instanceof DomainError) return e.details.problems as string[];
    throw e;
  }
  throw new Error('parsed');
};

describe('parseStatement', () => {
  it('reads RFC 4180 records: quoted line breaks and commas, amounts with separators and the yuan sign, a BOM', () => {
    const csv =
      '\uFEFFValue_Date,Reference,Amount_Yuan,Bank_Reference\r\n' +
      '2026-11-23,SUB-1,"50,000.00","B1, second part"\r\n' +
      '2026-11-24,SUB-2,"¥50,000.00","multi\nline"\r\n' +
      ',SUB-3,50000,\r\n';
    expect(parseStatement(csv)).toEqual([
      {
        lineNo: 2,
        reference: 'SUB-1',
        amountFen: 5_000_000,
        valueDate: '2026-11-23',
        bankReference: 'B1, second part',
      },
      { lineNo: 3, reference: 'SUB-2', amountFen: 5_000_000, valueDate: '2026-11-24', bankReference: 'multi\nline' },
      { lineNo: 5, reference: 'SUB-3', amountFen: 5_000_000, valueDate: null, bankReference: null },
    ]);
  });

  it('names the line and the column of every bad cell', () => {
    expect(
      problemsOf(
        'reference,amount_yuan,value_date,bank_reference\n' +
          `${'R'.repeat(65)},1.00,,\n` +
          ',"50,00.00",2026-02-30,\n' +
          `SUB-1,1,,${'B'.repeat(101)}\n`,
      ),
    ).toEqual([
      'line 2: reference has 65 characters, at most 64',
      'line 3: reference is empty',
      "line 3: amount_yuan '50,00.00' is not an amount in yuan: use digits with at most two decimals, e.g. 50000.00, 50,000.00 or ¥50,000.00",
      "line 3: value_date '2026-02-30' is not a date: use YYYY-MM-DD",
      'line 4: bank_reference has 101 characters, at most 100',
    ]);
  });

  it('refuses text that is not CSV, an empty text and a header without the required columns', () => {
    expect(() => parseStatement('reference,amount_yuan\n"SUB-1,1\n')).toThrow(
      'csv cannot be read: line 2: a quoted field is not closed',
    );
    expect(() => parseStatement('\n\n')).toThrow('csv is empty');
    expect(() => parseStatement('ref,amount\nX,1\n')).toThrow(/must name the columns reference and amount_yuan/);
  });
});
