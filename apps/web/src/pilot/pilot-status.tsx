import { ToneTag, type Tone } from '../common/tags';
import { useT } from '../i18n/locale';

/** A progress report's status: 已按时报送 / 逾期报送 / 未报送 / 未到期. */
const REPORT: Record<string, [Tone, string, string]> = {
  submitted: ['success', '已按时报送', 'Submitted'],
  late: ['warning', '逾期报送', 'Submitted late'],
  missing: ['error', '未报送（已逾期）', 'Missing (overdue)'],
  pending: ['default', '未到期', 'Not yet due'],
};

/** A province's ranked list: 按时上报 / 逾期上报 / 逾期未报 / 待上报. */
const RANKING: Record<string, [Tone, string, string]> = {
  on_time: ['success', '按时上报', 'On time'],
  late: ['warning', '逾期上报', 'Late'],
  missing: ['error', '逾期未报', 'Missing'],
  open: ['processing', '待上报', 'Open'],
};

export function ReportStatusTag({ status }: { status: string }) {
  const t = useT();
  const [tone, zh, en] = REPORT[status] ?? ['default', status, status];
  return <ToneTag tone={tone}>{t(zh, en)}</ToneTag>;
}

export function RankingStatusTag({ status }: { status: string }) {
  const t = useT();
  const [tone, zh, en] = RANKING[status] ?? ['default', status, status];
  return <ToneTag tone={tone}>{t(zh, en)}</ToneTag>;
}

/** The half-year a report covers: 2027-H1 → 2027年上半年. */
export function halfYearLabel(half: string, t: (zh: string, en: string) => string): string {
  const [year, h] = half.split('-H');
  return t(`${year}年${h === '1' ? '上' : '下'}半年`, `${year} ${h === '1' ? 'first' : 'second'} half`);
}
