import type { Tone } from '../common/tags';

/** The service month's vocabulary in both languages (kinds of activity, media levels, filing and request states). */
export const ACTIVITY_KINDS: Record<string, [string, string]> = {
  publicity: ['专题宣传活动', 'Publicity event'],
  symposium: ['座谈会、行政指导会', 'Symposium / guidance meeting'],
  visit: ['调研走访企业', 'Enterprise visit'],
  questionnaire: ['发放调查问卷', 'Questionnaires'],
  suggestions: ['收集意见建议', 'Suggestions collected'],
  training: ['能力提升培训', 'Training'],
  typical_case: ['公布典型案例', 'Typical cases published'],
  government_report: ['向党委、政府报送报告、信息', 'Reports to Party committee and government'],
  publicity_report: ['宣传报道', 'Publicity reports'],
};

export const MEDIA_LEVELS: Record<string, [string, string]> = {
  central: ['中央媒体', 'Central media'],
  provincial: ['省级媒体', 'Provincial media'],
  local: ['地方媒体', 'Local media'],
  own: ['自有媒体', 'Own channels'],
};

export const FILING_STATUSES: Record<string, [string, string, Tone]> = {
  draft: ['未报送', 'Not submitted', 'default'],
  late: ['逾期未报', 'Late', 'error'],
  submitted: ['已报送', 'Submitted', 'success'],
  submitted_late: ['逾期报送', 'Submitted late', 'warning'],
};

export const REQUEST_STATES: Record<string, [string, string, Tone]> = {
  received: ['已登记', 'Received', 'default'],
  assigned: ['已分派', 'Assigned', 'processing'],
  answered: ['已答复', 'Answered', 'warning'],
  closed: ['已办结', 'Closed', 'success'],
};

/** The label of a code in the chosen language (the code itself when unknown). */
export function label(
  table: Record<string, [string, string, ...unknown[]]>,
  code: string | null | undefined,
  lang: string,
) {
  if (!code) return '';
  const entry = table[code];
  return entry ? (lang === 'zh' ? entry[0] : entry[1]) : code;
}

/** What a cell shows, as the seed prints it: `(12)场次`. */
export function cellText(value: number, unit: string): string {
  return `(${value})${unit}`;
}

/** The drill-down's check: the contributions of the activities and the requests add up to the cell. */
export function drillDownSum(d: { activities: { contributes: number }[]; requests: unknown[] }): number {
  return d.activities.reduce((s, a) => s + a.contributes, 0) + d.requests.length;
}

/** Saves a blob the API answered as a file. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
