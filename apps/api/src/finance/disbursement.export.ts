import { DISBURSEMENT_STATE_LABELS, labelOf } from '@app/domain';
import type { DisbursementExportRow } from '@app/subsidy';
import { columns, type TabularExport } from '@app/platform';
import { IntersectionType, OmitType } from '@nestjs/swagger';
import { ExportFormatQuery } from '../common/export.util';
import { DisbursementQuery } from './finance.dto';

/** The disbursements list's filters, without paging, and the format. */
export class DisbursementsExportQuery extends IntersectionType(
  OmitType(DisbursementQuery, ['page', 'pageSize'] as const),
  ExportFormatQuery,
) {}

const RECONCILIATION_LABELS: Readonly<Record<string, string>> = {
  confirmed: '已对账',
  mismatched: '对账不符',
};

/** The reconciliation of a disbursement as finance reads it: confirmed, mismatched, or paid and not yet matched. */
function reconciliationOf(r: DisbursementExportRow): string {
  if (r.reconciliation) return labelOf(RECONCILIATION_LABELS, r.reconciliation);
  return r.state === 'paid' ? '待对账' : '';
}

/** The disbursements list as a table (资助拨付列表), amounts in yuan with two decimals. */
export function disbursementsExport(
  rows: AsyncIterable<readonly DisbursementExportRow[]>,
): TabularExport<DisbursementExportRow> {
  return {
    fileName: '资助拨付列表',
    columns: [
      columns.text('拨付编号', (r) => r.reference, 26),
      columns.text('申报单位', (r) => r.organisation_name, 36),
      columns.text('统一社会信用代码', (r) => r.credit_code, 22),
      columns.text('申请编号', (r) => r.application_reference, 26),
      columns.text('项目', (r) => r.programme_name, 30),
      columns.money('金额（元）', (r) => Number(r.amount_fen), 14),
      columns.text('状态', (r) => labelOf(DISBURSEMENT_STATE_LABELS, r.state)),
      columns.datetime('生成时间', (r) => r.created_at, 20),
      columns.datetime('经办时间', (r) => r.verified_at, 20),
      columns.datetime('审批时间', (r) => r.approved_at, 20),
      columns.datetime('支付时间', (r) => r.paid_at, 20),
      columns.text('银行流水号', (r) => r.bank_reference, 24),
      columns.text('对账', reconciliationOf),
      columns.text('失败原因', (r) => r.last_error, 30),
    ],
    rows,
  };
}
