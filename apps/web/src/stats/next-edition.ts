import type { components } from '../api/client';

type Edition = components['schemas']['EditionView'];

/** What the form asks for the next service-month edition; the deadline in China time, `YYYY-MM-DD HH:mm`. */
export interface NextEditionValues {
  code: string;
  name: string;
  title: string;
  periodFrom: string;
  periodTo: string;
  deadline: string;
}

const shiftYear = (date: string, years: number) => `${Number(date.slice(0, 4)) + years}${date.slice(4)}`;
const yearIn = (s: string, from: number, to: number) => s.replaceAll(String(from), String(to));

/** An instant as China time, `YYYY-MM-DD HH:mm`. */
export const chinaMinutes = (iso: string) =>
  new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

/**
 * The next edition as the form proposes it: the latest one a year on (its code, names, period and deadline with the
 * year moved), which the national office corrects before saving. Nothing when there is no edition yet.
 */
export function nextEditionDefaults(latest: Edition | undefined): NextEditionValues | undefined {
  if (!latest) return undefined;
  const year = Number(latest.periodFrom.slice(0, 4));
  return {
    code: /\d{4}/.test(latest.code) ? yearIn(latest.code, year, year + 1) : `SM-${year + 1}`,
    name: yearIn(latest.name, year, year + 1),
    title: yearIn(latest.title, year, year + 1),
    periodFrom: shiftYear(latest.periodFrom, 1),
    periodTo: shiftYear(latest.periodTo, 1),
    deadline: shiftYear(chinaMinutes(latest.deadline), 1),
  };
}

/** The form's values as the API takes them: the deadline an instant at UTC+8. */
export function editionBody(
  v: NextEditionValues,
  copyFrom: string | undefined,
): components['schemas']['CreateEditionDto'] {
  const deadline = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(v.deadline.trim())
    ? `${v.deadline.trim().replace(' ', 'T')}:00+08:00`
    : v.deadline.trim();
  return { ...v, code: v.code.trim(), deadline, ...(copyFrom ? { copyFrom } : {}) };
}

/** Whether a jurisdiction is the national office's (the root of the tree): only it opens an edition. */
export function isNationalOffice(
  jurisdictions: readonly { code: string; level: string }[] | undefined,
  code: string | null | undefined,
): boolean {
  return !!code && jurisdictions?.find((j) => j.code === code)?.level === 'national';
}
