import { columns, type TabularExport } from '@app/platform';
import { inOneBatch } from '../common/export.util';
import type { AreaQuotaUsageView, QuotaUsageView } from './quota.view';

/**
 * A programme's quota usage as a table (名额使用): one row per area with its minimum, maximum, places added by
 * overrides, designations, places left, shortfall against the minimum and the flag; the programme-wide quota first
 * when there is one.
 */
type UsageRow = Omit<
  AreaQuotaUsageView,
  'min' | 'shortfall' | 'beforeNoticeEnd' | 'awaitingDesignation' | 'belowMinimum'
> & {
  [K in 'min' | 'shortfall' | 'beforeNoticeEnd' | 'awaitingDesignation']: number | null;
} & { belowMinimum: boolean | null };

export function quotaUsageExport(u: QuotaUsageView): TabularExport<UsageRow> {
  // the programme-wide quota counts every area, those without a quota of their own too: no per-area figures there
  const whole: UsageRow[] = u.programme
    ? [
        {
          jurisdictionCode: '',
          jurisdictionName: '全项目',
          min: null,
          max: u.programme.max,
          extraPlaces: u.programme.extraPlaces,
          allowed: u.programme.allowed,
          designated: u.programme.designated,
          remaining: u.programme.remaining,
          shortfall: null,
          beforeNoticeEnd: null,
          awaitingDesignation: null,
          belowMinimum: null,
        },
      ]
    : [];
  return {
    fileName: `名额使用-${u.programmeCode}`,
    sheetName: '名额使用',
    columns: [
      columns.text('片区代码', (a) => a.jurisdictionCode, 14),
      columns.text('片区', (a) => a.jurisdictionName, 22),
      columns.integer('最少', (a) => a.min),
      columns.integer('最多', (a) => a.max),
      columns.integer('追加名额', (a) => a.extraPlaces),
      columns.integer('可认定', (a) => a.allowed),
      columns.integer('已认定', (a) => a.designated),
      columns.integer('剩余名额', (a) => a.remaining),
      columns.integer('距最少还差', (a) => a.shortfall),
      columns.integer('审核与公示中', (a) => a.beforeNoticeEnd),
      columns.integer('公示期满待认定', (a) => a.awaitingDesignation),
      columns.text('低于最少名额', (a) => (a.belowMinimum === null ? null : a.belowMinimum ? '是' : '否')),
    ],
    rows: inOneBatch([...whole, ...u.areas]),
  };
}
