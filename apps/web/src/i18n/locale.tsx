import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import { createContext, type ReactNode, useContext, useMemo, useState } from 'react';
import { type Lang, term } from './dictionary';

dayjs.extend(utc);
dayjs.extend(timezone);
/** Dates are China time wherever the browser is (deadlines are working days in China). */
export const ZONE = 'Asia/Shanghai';
dayjs.tz.setDefault(ZONE);

const LANG_KEY = 'accreditation.lang';
interface LocaleValue {
  lang: Lang;
  setLang(lang: Lang): void;
}
const LocaleContext = createContext<LocaleValue>({ lang: 'zh', setLang: () => undefined });

export function LocaleProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => (localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh'));
  const value = useMemo(
    () => ({
      lang,
      setLang: (l: Lang) => {
        localStorage.setItem(LANG_KEY, l);
        document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
        dayjs.locale(l === 'zh' ? 'zh-cn' : 'en');
        setLangState(l);
      },
    }),
    [lang],
  );
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

export const useLocale = () => useContext(LocaleContext);

/** `t('登录', 'Sign in')`: the text in the chosen language; Chinese is the console's own language. */
export function useT() {
  const { lang } = useLocale();
  return useMemo(() => {
    const t = (zh: string, en: string) => (lang === 'zh' ? zh : en);
    t.term = (table: Parameters<typeof term>[0], code: string | null | undefined) => term(table, code, lang);
    t.lang = lang;
    return t;
  }, [lang]);
}

/** A time in China time, e.g. 2026-12-07 16:30 (empty for none). */
export function formatTime(value: string | Date | null | undefined | object): string {
  if (!value || (typeof value === 'object' && !(value instanceof Date))) return '';
  return dayjs(value).tz(ZONE).format('YYYY-MM-DD HH:mm');
}

export function formatDate(value: string | Date | null | undefined | object): string {
  if (!value || (typeof value === 'object' && !(value instanceof Date))) return '';
  return dayjs(value).tz(ZONE).format('YYYY-MM-DD');
}

/** Integer fen as yuan with two decimals and thousands separators: 5000000 → "50,000.00". */
export function formatYuan(fen: number | string | null | undefined): string {
  if (fen === null || fen === undefined || fen === '') return '';
  const n = BigInt(String(fen));
  const negative = n < 0n;
  const abs = negative ? -n : n;
  const yuan = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${yuan}.${cents}`;
}
