import {
  DisbursementState,
  DomainError,
  DomainErrorCode,
  formatYuan,
  isIsoDate,
  parseStatementAmount,
  Principal,
  Role,
} from '@app/domain';
import { CsvRecord, CsvSyntaxError, readCsv } from '@app/platform';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { DataSource, In } from 'typeorm';
import { canSeeDisbursement } from './disbursement-visibility.util';
import { DisbursementEntity } from './disbursement.entity';
import {
  STATEMENT_BANK_REFERENCE_LENGTH,
  STATEMENT_REFERENCE_LENGTH,
  StatementLineEntity,
} from './statement-line.entity';

export interface ParsedLine {
  lineNo: number;
  reference: string;
  amountFen: number;
  valueDate: string | null;
  bankReference: string | null;
}

/** The columns a statement may have; the first two are required. */
type StatementColumn = 'reference' | 'amount_yuan' | 'value_date' | 'bank_reference';

/**
 * A bank statement as CSV (RFC 4180, read by csv-parse: quoted commas and line breaks, a byte-order mark) with a
 * header row naming at least `reference` and `amount_yuan` (optionally `value_date`, `bank_reference`), in any
 * order and case. Amounts may carry thousands separators and the yuan sign ("¥50,000.00"). Throws a 400-type
 * error listing every bad line as "line N: <column> <what is wrong>" (N is the line the record starts on).
 */
export function parseStatement(csv: string): ParsedLine[] {
  let records: CsvRecord[];
  try {
    records = readCsv(csv);
  } catch (e) {
    if (e instanceof CsvSyntaxError)
      throw new DomainError(DomainErrorCode.ValidationFailed, `csv cannot be read: ${e.message}`, {
        fields: ['csv'],
        problems: [e.message],
      });
    throw e;
  }
  if (records.length === 0)
    throw new DomainError(DomainErrorCode.ValidationFailed, 'csv is empty', { fields: ['csv'] });
  const [head, ...rows] = records;
  const header = head.fields.map((h) => h.toLowerCase());
  const col = (name: StatementColumn) => header.indexOf(name);
  if (col('reference') < 0 || col('amount_yuan') < 0) {
    throw new DomainError(
      DomainErrorCode.ValidationFailed,
      'csv header must name the columns reference and amount_yuan (value_date and bank_reference are optional)',
      { fields: ['csv'] },
    );
  }
  const problems: string[] = [];
  const parsed: ParsedLine[] = rows.map(({ line, fields }) => {
    const cell = (name: StatementColumn) => (col(name) >= 0 ? (fields[col(name)] ?? '') : '');
    const problem = (column: string, what: string) => problems.push(`line ${line}: ${column} ${what}`);
    const reference = cell('reference');
    if (!reference) problem('reference', 'is empty');
    else if (reference.length > STATEMENT_REFERENCE_LENGTH)
      problem('reference', `has ${reference.length} characters, at most ${STATEMENT_REFERENCE_LENGTH}`);
    let amountFen = 0;
    try {
      amountFen = parseStatementAmount(cell('amount_yuan'));
    } catch (e) {
      problem('amount_yuan', (e as Error).message);
    }
    const valueDate = cell('value_date') || null;
    if (valueDate && !isIsoDate(valueDate)) problem('value_date', `'${valueDate}' is not a date: use YYYY-MM-DD`);
    const bankReference = cell('bank_reference') || null;
    if (bankReference && bankReference.length > STATEMENT_BANK_REFERENCE_LENGTH)
      problem('bank_reference', `has ${bankReference.length} characters, at most ${STATEMENT_BANK_REFERENCE_LENGTH}`);
    return { lineNo: line, reference, amountFen, valueDate, bankReference };
  });
  if (problems.length)
    throw new DomainError(DomainErrorCode.ValidationFailed, problems.slice(0, 20).join('; '), {
      fields: ['csv'],
      problems,
    });
  return parsed;
}

/** Statement lines written per INSERT (9 parameters each, well under Postgres' 65,535). */
const STATEMENT_INSERT_BATCH = 1000;

/** Matches each statement line to a disbursement by reference and amount, and records the outcome. */
@Injectable()
export class ReconcileStatementUseCase {
  constructor(private readonly db: DataSource) {}

  async execute(principal: Principal, csv: string) {
    if (principal.role !== Role.Finance)
      throw new DomainError(DomainErrorCode.Forbidden, 'only finance staff reconcile statements');
    const lines = parseStatement(csv);
    const statementId = randomUUID();
    return this.db.transaction(async (tx) => {
      const refs = [...new Set(lines.map((l) => l.reference))];
      const found = await tx
        .getRepository(DisbursementEntity)
        .find({ where: { reference: In(refs) }, lock: { mode: 'pessimistic_write' } });
      const byRef = new Map(found.filter((d) => canSeeDisbursement(principal, d)).map((d) => [d.reference, d]));
      const results: {
        lineNo: number;
        reference: string;
        amountYuan: string;
        status: string;
        expectedYuan: string | null;
        disbursementId: string | null;
      }[] = [];
      const rows: Partial<StatementLineEntity>[] = [];
      const changed = new Set<DisbursementEntity>();
      for (const l of lines) {
        const d = byRef.get(l.reference);
        const status =
          !d || d.state !== DisbursementState.Paid
            ? 'unknown_reference'
            : d.amountFen === l.amountFen
              ? 'confirmed'
              : 'mismatched';
        rows.push({
          statementId,
          lineNo: l.lineNo,
          reference: l.reference,
          amountFen: l.amountFen,
          valueDate: l.valueDate,
          bankReference: l.bankReference,
          matchStatus: status,
          disbursementId: d?.id ?? null,
          uploadedBy: principal.id!,
        });
        if (d && status !== 'unknown_reference') {
          // a mismatch sticks until finance looks into it: a later matching line does not hide it
          const next = d.reconciliation === 'mismatched' ? 'mismatched' : status;
          if (next !== d.reconciliation) changed.add(d);
          d.reconciliation = next;
        }
        results.push({
          lineNo: l.lineNo,
          reference: l.reference,
          amountYuan: formatYuan(l.amountFen),
          status,
          expectedYuan: d ? formatYuan(d.amountFen) : null,
          disbursementId: d?.id ?? null,
        });
      }
      // a statement of a few thousand lines is a handful of statements, not one per line
      for (let i = 0; i < rows.length; i += STATEMENT_INSERT_BATCH)
        await tx.getRepository(StatementLineEntity).insert(rows.slice(i, i + STATEMENT_INSERT_BATCH));
      for (const d of changed) await tx.update(DisbursementEntity, { id: d.id }, { reconciliation: d.reconciliation });
      const count = (s: string) => results.filter((r) => r.status === s).length;
      return {
        statementId,
        lines: results.length,
        confirmed: count('confirmed'),
        mismatched: count('mismatched'),
        unknown: count('unknown_reference'),
        results,
      };
    });
  }
}
