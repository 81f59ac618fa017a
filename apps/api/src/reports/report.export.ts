import { labelOf, LEVEL_LABELS, STATE_LABELS, UNIT_KIND_LABELS } from '@app/domain';
import { columns, type TabularExport } from '@app/platform';
import { IntersectionType } from '@nestjs/swagger';
import { ExportFormatQuery, inOneBatch } from '../common/export.util';
import type {
  BudgetPolicyView,
  DashboardCountRowView,
  DashboardView,
  StepTimeView,
  StepTimesView,
} from './dashboard.view';
import { DashboardQuery, StepTimesQuery } from './dashboard.view';

/** The dashboard's jurisdiction and the format. */
export class DashboardExportQuery extends IntersectionType(DashboardQuery, ExportFormatQuery) {}

/** The step-times report's jurisdiction and range, and the format. */
export class StepTimesExportQuery extends IntersectionType(StepTimesQuery, ExportFormatQuery) {}

type NamedRow = DashboardCountRowView & { jurisdictionName: string; programmeName: string };

/**
 * The dashboard's counts as a table (申请统计): one row per jurisdiction, programme, unit kind, level and state with
 * its count, named in Chinese, in the dashboard's order; the file is named after the jurisdiction it covers.
 */
export function dashboardExport(d: DashboardView): TabularExport<NamedRow> {
  const programme = new Map(d.byProgramme.map((x) => [x.key, x.name]));
  const jurisdiction = new Map(d.byJurisdiction.map((x) => [x.key, x.name]));
  const rows = d.rows.map((r) => ({
    ...r,
    jurisdictionName: jurisdiction.get(r.jurisdictionCode) ?? r.jurisdictionCode,
    programmeName: programme.get(r.programmeId) ?? r.programmeId,
  }));
  return {
    fileName: `申请统计-${d.jurisdiction.name}`,
    sheetName: '申请统计',
    columns: [
      columns.text('辖区代码', (r) => r.jurisdictionCode, 14),
      columns.text('辖区', (r) => r.jurisdictionName, 22),
      columns.text('认定项目', (r) => r.programmeName, 34),
      columns.text('单位类型', (r) => labelOf(UNIT_KIND_LABELS, r.unitKind)),
      columns.text('级别', (r) => labelOf(LEVEL_LABELS, r.level)),
      columns.text('状态', (r) => labelOf(STATE_LABELS, r.state)),
      columns.integer('申请数', (r) => r.count),
    ],
    rows: inOneBatch(rows),
  };
}

/** Budget use per subsidy policy of the jurisdiction's programmes (资金使用): budget, committed and paid, in yuan. */
export function budgetExport(d: DashboardView): TabularExport<BudgetPolicyView> {
  return {
    fileName: `资金使用-${d.jurisdiction.name}`,
    sheetName: '资金使用',
    columns: [
      columns.text('认定项目', (p) => p.programmeName, 34),
      columns.text('资助政策', (p) => p.name, 30),
      columns.text('政策状态', (p) => (p.approved ? '已批准' : '待批准')),
      columns.money('预算（元）', (p) => p.budgetFen, 16),
      columns.money('已承诺（元）', (p) => p.committedFen, 16),
      columns.money('已支付（元）', (p) => p.paidFen, 16),
    ],
    rows: inOneBatch(d.budget.policies),
  };
}

/** Time in each step against its limit (办理时限), over the range the report covers. */
export function stepTimesExport(s: StepTimesView): TabularExport<StepTimeView> {
  return {
    fileName: `办理用时-${s.jurisdiction.name}-${s.from}至${s.to}`,
    sheetName: '办理用时',
    columns: [
      columns.text('环节', (t) => labelOf(STATE_LABELS, t.step), 12),
      columns.integer('已办结', (t) => t.completed),
      columns.integer('办理中', (t) => t.running),
      columns.integer('中位用时（工作日）', (t) => t.medianWorkingDays, 18),
      columns.integer('90%用时（工作日）', (t) => t.p90WorkingDays, 18),
      columns.integer('时限（工作日）', (t) => t.limitWorkingDays, 14),
      columns.integer('超时办结', (t) => t.overLimit),
    ],
    rows: inOneBatch(s.steps),
  };
}
