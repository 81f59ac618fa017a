/** Where the present lies relative to a programme's call: 未开始 before it opens, 申报中 while open, 已截止 after. */
export type CallStatus = 'not_open' | 'open' | 'closed';

export function callStatus(opensAt: string, closesAt: string, now: Date): CallStatus {
  if (now.getTime() < new Date(opensAt).getTime()) return 'not_open';
  if (now.getTime() >= new Date(closesAt).getTime()) return 'closed';
  return 'open';
}

export const CALL_STATUS_LABELS: Record<CallStatus, [string, string]> = {
  not_open: ['未开始', 'Not open yet'],
  open: ['申报中', 'Open'],
  closed: ['已截止', 'Closed'],
};

/** An instant as China time, to the minute: "2027-03-01 00:00". */
export function chinaTime(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3_600_000);
  return d.toISOString().slice(0, 16).replace('T', ' ');
}

/** A China wall-clock time ("2027-03-01 00:00" or a date) as the API wants it, with its offset. */
export function fromChinaTime(wall: string): string {
  const [date, time = '00:00'] = wall.trim().split(/\s+/);
  return `${date}T${time.length === 5 ? `${time}:00` : time}+08:00`;
}

/** A rule's value (JSON text, as the API gives it) as a line of text in the versions table. */
export function ruleValueText(field: string, json: string): string {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return json;
  }
  if (value === null || value === undefined) return '—';
  if ((field === 'opensAt' || field === 'closesAt') && typeof value === 'string') return chinaTime(value);
  if (Array.isArray(value)) return value.join('、');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
