import type { RegistrationExportRow } from '@app/identity';
import { labelOf, ORGANISATION_KIND_LABELS, VERIFICATION_STATUS_LABELS } from '@app/domain';
import { columns, type TabularExport } from '@app/platform';

/** The organisations of the caller's jurisdiction subtree by verification status, as a table (注册单位列表). */
export function registrationsExport(
  rows: AsyncIterable<readonly RegistrationExportRow[]>,
): TabularExport<RegistrationExportRow> {
  return {
    fileName: '注册单位列表',
    columns: [
      columns.text('单位名称', (r) => r.name, 36),
      columns.text('统一社会信用代码', (r) => r.credit_code, 22),
      columns.text('单位类型', (r) => labelOf(ORGANISATION_KIND_LABELS, r.kind)),
      columns.text('辖区代码', (r) => r.jurisdiction_code),
      columns.text('辖区', (r) => r.jurisdiction_name, 20),
      columns.text('认证状态', (r) => labelOf(VERIFICATION_STATUS_LABELS, r.verification_status)),
      columns.text('联系人', (r) => r.contact_name),
      columns.text('联系电话', (r) => r.contact_phone, 16),
      columns.text('联系邮箱', (r) => r.contact_email, 26),
      columns.datetime('注册时间', (r) => r.registered_at, 20),
    ],
    rows,
  };
}
