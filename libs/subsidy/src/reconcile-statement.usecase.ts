import {
  DisbursementState,
  DomainError,
  DomainErrorCode,
  formatYuan,
  isIsoDate,
  parseYuan,
  Principal,
  Role,
} from '@app/domain';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { DataSource, In } from 'typeorm';
import { canSeeDisbursement } from './disbursement-visibility.util';
import { DisbursementEntity } from './disbursement.entity';
import { StatementLineEntity } from './statement-line.entity';

export interface ParsedLine {
  lineNo: number;
  reference: string;
  amountFen: number;
  valueDate: string | null;
  bankReference: string | null;
}

/** Splits one CSV record into fields (quotes, doubled quotes, commas inside quotes). */
export function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(field);
      field = '';
    } else field += c;
  }
  out.push(field);
  return out.map((f) => f.trim());
}

/**
 * A bank statement as CSV with a header row naming at least `reference` and `amount_yuan` (optionally
 * `value_date`, `bank_reference`). Throws a 400-type error listing every bad line.
 */
export function parseStatement(csv: string): ParsedLine[] {
  const lines = csv
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  if (lines.length === 0) throw new DomainError(DomainErrorCode.ValidationFailed, 'csv is empty', { fields: ['csv'] });
  const header = splitCsvLine(lines[0]).map((h) => h.toLowerCase());
  const col = (name: string) => header.indexOf(name);
  if (col('reference') < 0 || col('amount_yuan') < 0) {
    throw new DomainError(
      DomainErrorCode.ValidationFailed,
      'csv header must name the columns reference and amount_yuan (value_date and bank_reference are optional)',
      {
        fields: ['csv'],
      },
    );
  }
  const problems: string[] = [];
  const parsed: ParsedLine[] = [];
  lines.slice(1).forEach((line, i) => {
    const f = splitCsvLine(line);
    const lineNo = i + 2;
    const reference = f[col('reference')] ?? '';
    let amountFen = 0;
    try {
      amountFen = parseYuan(f[col('amount_yuan')] ?? '');
    } catch (e) {
      problems.push(`line ${lineNo}: ${(e as Error).message}`);
    }
    const valueDate = col('value_date') >= 0 ? f[col('value_date')] || null : null;
    if (!reference) problems.push(`line ${lineNo}: reference is empty`);
    if (valueDate && !isIsoDate(valueDate)) problems.push(`line ${lineNo}: value_date must be YYYY-MM-DD`);
    parsed.push({
      lineNo,
      reference,
      amountFen,
      valueDate,
      bankReference: col('bank_reference') >= 0 ? f[col('bank_reference')] || null : null,
    });
  });
  if (problems.length)
    throw new DomainError(DomainErrorCode.ValidationFailed, problems.slice(0, 20).join('; '), {
      fields: ['csv'],
      problems,
    });
  return parsed;
}

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
      for (const l of lines) {
        const d = byRef.get(l.reference);
        const status =
          !d || d.state !== DisbursementState.Paid
            ? 'unknown_reference'
            : d.amountFen === l.amountFen
              ? 'confirmed'
              : 'mismatched';
        await tx.getRepository(StatementLineEntity).insert({
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
          await tx.update(DisbursementEntity, { id: d.id }, { reconciliation: next });
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
