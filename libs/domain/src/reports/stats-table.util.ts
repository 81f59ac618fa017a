import { DomainError, DomainErrorCode } from '../domain-error';

/**
 * The service-month statistics table (服务月活动开展情况统计表, seed 001's attachment): numbered rows with sub-rows,
 * each cell computed from the activities the regulators record (or, row 6, from the request ledger). The layout and
 * the rules are data per edition (the service month recurs yearly); this file evaluates them.
 */

/** What a service activity was (the template's rows refer to these). */
export enum ActivityKind {
  /** 线上线下专题宣传活动 */
  Publicity = 'publicity',
  /** 企业商业秘密保护座谈会、行政指导会 */
  Symposium = 'symposium',
  /** 调研走访企业 */
  Visit = 'visit',
  /** 发放调查问卷 */
  Questionnaire = 'questionnaire',
  /** 收集企业意见建议 */
  Suggestions = 'suggestions',
  /** 能力提升培训活动 */
  Training = 'training',
  /** 公布典型案例 */
  TypicalCase = 'typical_case',
  /** 向党委、政府报送报告、信息 */
  GovernmentReport = 'government_report',
  /** 编发宣传报道 */
  PublicityReport = 'publicity_report',
}

export const ACTIVITY_KIND_LABELS: Record<ActivityKind, string> = {
  [ActivityKind.Publicity]: '专题宣传活动',
  [ActivityKind.Symposium]: '座谈会、行政指导会',
  [ActivityKind.Visit]: '调研走访企业',
  [ActivityKind.Questionnaire]: '发放调查问卷',
  [ActivityKind.Suggestions]: '收集意见建议',
  [ActivityKind.Training]: '能力提升培训',
  [ActivityKind.TypicalCase]: '公布典型案例',
  [ActivityKind.GovernmentReport]: '向党委、政府报送报告、信息',
  [ActivityKind.PublicityReport]: '宣传报道',
};

/** Where a publicity report appeared (row 10's "of which by central media"). */
export enum MediaLevel {
  Central = 'central',
  Provincial = 'provincial',
  Local = 'local',
  /** the bureau's own channels (website, WeChat account) */
  Own = 'own',
}

export const MEDIA_LEVEL_LABELS: Record<MediaLevel, string> = {
  [MediaLevel.Central]: '中央媒体',
  [MediaLevel.Provincial]: '省级媒体',
  [MediaLevel.Local]: '地方媒体',
  [MediaLevel.Own]: '自有媒体',
};

/** The numbers an activity carries; `count` is the activity itself (one 场次). */
export const ACTIVITY_MEASURES = ['count', 'enterprises', 'participants', 'materials', 'quantity'] as const;
export type ActivityMeasure = (typeof ACTIVITY_MEASURES)[number];

/** How one cell is computed. */
export type CellRule =
  /** the sum of `measure` over the activities of these kinds (and media levels, when given) */
  | { source: 'activities'; kinds: ActivityKind[]; measure: ActivityMeasure; mediaLevels?: MediaLevel[] }
  /** the requests of the request ledger closed in the period (协调解决的诉求) */
  | { source: 'requests'; measure: 'closed' };

/** One line of the table: a numbered row's first line or one of its sub-rows. */
export interface TemplateCell {
  /** unique in the template, e.g. `1`, `1.enterprises` */
  key: string;
  label: string;
  /** 场次, 家, 人次, 份, 条, 个, 件, 篇 */
  unit: string;
  rule: CellRule;
}

/** A numbered row: its first cell carries the row's label, the others are its sub-rows (参与企业, 其中 ...). */
export interface TemplateRow {
  number: number;
  cells: TemplateCell[];
}

/** The facts of one activity the rules read. */
export interface ActivityFacts {
  id: string;
  kind: ActivityKind;
  enterprises: number;
  participants: number;
  materials: number;
  quantity: number;
  mediaLevel: MediaLevel | null;
}

/** The value of each cell, by key. */
export type TableValues = Record<string, number>;

/** Refuses a template whose rows could not be computed or laid out (400 naming what is wrong). */
export function validateTemplate(rows: readonly TemplateRow[]): void {
  const fail = (message: string) => {
    throw new DomainError(DomainErrorCode.ValidationFailed, message, { fields: ['rows'] });
  };
  if (rows.length === 0) fail('a template needs at least one row');
  const keys = new Set<string>();
  rows.forEach((row, i) => {
    if (!Number.isInteger(row.number) || row.number !== i + 1) fail(`rows must be numbered 1, 2, 3 …: row ${i + 1}`);
    if (row.cells.length === 0) fail(`row ${row.number} has no cell`);
    for (const cell of row.cells) {
      if (keys.has(cell.key)) fail(`cell key ${cell.key} appears twice`);
      keys.add(cell.key);
      if (!cell.label.trim() || !cell.unit.trim()) fail(`cell ${cell.key} needs a label and a unit`);
      const rule = cell.rule;
      if (rule.source === 'activities') {
        if (rule.kinds.length === 0) fail(`cell ${cell.key} names no activity kind`);
        if (!rule.kinds.every((k) => Object.values(ActivityKind).includes(k)))
          fail(`cell ${cell.key} names an unknown activity kind`);
        if (!ACTIVITY_MEASURES.includes(rule.measure)) fail(`cell ${cell.key} has an unknown measure`);
        if (rule.mediaLevels && !rule.mediaLevels.every((m) => Object.values(MediaLevel).includes(m)))
          fail(`cell ${cell.key} names an unknown media level`);
      } else if (rule.source !== 'requests' || rule.measure !== 'closed') {
        fail(`cell ${cell.key} has an unknown rule`);
      }
    }
  });
}

/** true when the activity counts into the cell's rule (requests' cells take no activity). */
export function activityMatches(rule: CellRule, a: ActivityFacts): boolean {
  if (rule.source !== 'activities') return false;
  if (!rule.kinds.includes(a.kind)) return false;
  if (rule.mediaLevels && (a.mediaLevel === null || !rule.mediaLevels.includes(a.mediaLevel))) return false;
  return true;
}

/** What one activity adds to a cell of its kind. */
export function measureOf(measure: ActivityMeasure, a: ActivityFacts): number {
  return measure === 'count' ? 1 : a[measure];
}

/** Every cell of the table from the period's activities of the subtree and its closed requests. */
export function computeTable(
  rows: readonly TemplateRow[],
  activities: readonly ActivityFacts[],
  closedRequests: number,
): TableValues {
  const values: TableValues = {};
  for (const row of rows) {
    for (const cell of row.cells) {
      const rule = cell.rule;
      values[cell.key] =
        rule.source === 'requests'
          ? closedRequests
          : activities.filter((a) => activityMatches(rule, a)).reduce((sum, a) => sum + measureOf(rule.measure, a), 0);
    }
  }
  return values;
}

/** The cell of the template with this key (404 naming the keys there are). */
export function cellOf(rows: readonly TemplateRow[], key: string): TemplateCell {
  const cell = rows.flatMap((r) => r.cells).find((c) => c.key === key);
  if (!cell)
    throw new DomainError(DomainErrorCode.NotFound, `no cell ${key} in this template`, {
      cells: rows.flatMap((r) => r.cells.map((c) => c.key)),
    });
  return cell;
}

/** The kinds a template counts: an activity of another kind would count nowhere. */
export function kindsOf(rows: readonly TemplateRow[]): ActivityKind[] {
  const kinds = new Set<ActivityKind>();
  for (const cell of rows.flatMap((r) => r.cells))
    if (cell.rule.source === 'activities') cell.rule.kinds.forEach((k) => kinds.add(k));
  return [...kinds];
}

/** A filing's standing against the edition's deadline. */
export type FilingStatus = 'submitted' | 'submitted_late' | 'draft' | 'late';

/** submitted (on time or after the deadline), or not yet: a draft before the deadline, late after it. */
export function filingStatus(deadline: Date, submittedAt: Date | null, now: Date): FilingStatus {
  if (submittedAt) return submittedAt.getTime() > deadline.getTime() ? 'submitted_late' : 'submitted';
  return now.getTime() > deadline.getTime() ? 'late' : 'draft';
}

/** The province an activity or a request belongs to: the second code of the path (`/CN/370000/…` → 370000). */
export function provinceOfPath(path: string): string | null {
  const parts = path.split('/').filter((s) => s !== '');
  return parts.length >= 2 ? parts[1] : null;
}

/** A date `YYYY-MM-DD` within [from, to] (both inclusive). */
export function isWithinPeriod(date: string, from: string, to: string): boolean {
  return date >= from && date <= to;
}

/** What opens a new service-month edition: its period (activities counted) and when the provinces' tables are due. */
export interface EditionSchedule {
  periodFrom: string;
  periodTo: string;
  deadline: Date;
}

/**
 * Refuses an edition's schedule that could not work (400 naming the field): a period that ends before it starts, a
 * deadline before the period is over (its last day ends at 24:00 China time), or a period overlapping an existing
 * edition's (an activity belongs to one edition).
 */
export function validateEditionSchedule(
  next: EditionSchedule,
  existing: readonly { code: string; periodFrom: string; periodTo: string }[],
): void {
  const fail = (field: string, message: string) => {
    throw new DomainError(DomainErrorCode.ValidationFailed, `${field}: ${message}`, { fields: [field] });
  };
  if (next.periodTo < next.periodFrom) fail('periodTo', `the period ends (${next.periodTo}) before it starts`);
  const periodEnds = new Date(`${next.periodTo}T24:00:00+08:00`);
  if (next.deadline.getTime() < periodEnds.getTime())
    fail('deadline', `the tables cannot be due before the period ends (${next.periodTo}, 24:00 China time)`);
  const overlapping = existing.find((e) => next.periodFrom <= e.periodTo && e.periodFrom <= next.periodTo);
  if (overlapping)
    fail('periodFrom', `the period overlaps ${overlapping.code} (${overlapping.periodFrom} – ${overlapping.periodTo})`);
}
