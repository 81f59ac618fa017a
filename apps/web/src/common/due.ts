import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import type { Lang } from '../i18n/dictionary';

dayjs.extend(utc);
dayjs.extend(timezone);
const ZONE = 'Asia/Shanghai';

/**
 * A deadline as people read it. The API's deadlines (to-do items, revision, public notice, an expert's answer) are
 * the end of their last day: 24:00 China time, stored as 00:00 of the next day. Shown as that last day, "12月9日
 * （当日结束前）", never as "12月10日 00:00"; a deadline at any other time of day is shown with its time. The year is
 * named when it is not `now`'s.
 */
export function formatDue(value: string | Date | null | undefined, lang: Lang, now: Date = new Date()): string {
  if (!value) return '';
  const at = dayjs(value).tz(ZONE);
  const endOfDay = at.hour() === 0 && at.minute() === 0 && at.second() === 0 && at.millisecond() === 0;
  const day = endOfDay ? at.subtract(1, 'day') : at;
  const sameYear = day.year() === dayjs(now).tz(ZONE).year();
  if (lang === 'zh') {
    const date = `${sameYear ? '' : `${day.year()}年`}${day.month() + 1}月${day.date()}日`;
    return endOfDay ? `${date}（当日结束前）` : `${date} ${at.format('HH:mm')}`;
  }
  const date = day.format(sameYear ? 'D MMM' : 'D MMM YYYY');
  return endOfDay ? `by the end of ${date}` : `${date} ${at.format('HH:mm')}`;
}
