import { addDays, addMonths, differenceInCalendarDays } from 'date-fns';
import { dayNumberOf } from './horizon';

/** Periods named in text — "Q3 2027", "H1 2027", "FY28", "April 2027", "2027年上期", "2028" — and how far ahead they lie. */

/** Month names and abbreviations in the supported Latin-script languages, by month index. */
const MONTH_PREFIXES: ReadonlyArray<readonly string[]> = [
  ['jan', 'ene', 'gen', 'janv'],
  ['feb', 'fév', 'fev'],
  ['mar', 'mär', 'maa'],
  ['apr', 'avr', 'abr'],
  ['may', 'mai', 'mag', 'mei'],
  ['jun', 'juin', 'giu'],
  ['jul', 'juil', 'lug'],
  ['aug', 'août', 'ago'],
  ['sep', 'set'],
  ['oct', 'okt', 'out', 'ott'],
  ['nov'],
  ['dec', 'dez', 'déc', 'dic'],
];
const MONTH_INDEX = new Map(
  MONTH_PREFIXES.flatMap((prefixes, month) => prefixes.map((prefix) => [prefix, month] as const)),
);
const MONTH_WORD = `(${[...MONTH_INDEX.keys()].sort((a, b) => b.length - a.length).join('|')})\\p{L}*\\.?`;

const ISO_DATE = /(?<![\d.])(20\d\d)-(\d\d)-(\d\d)(?!\d)/gu;
const QUARTER = /(?<![\p{L}\p{N}])(?:q([1-4])\s*(?:20)?(\d\d)|(20\d\d)\s*q([1-4]))(?![\p{L}\p{N}])/giu;
const HALF = /(?<![\p{L}\p{N}])(?:h([12])\s*(?:20)?(\d\d)|(20\d\d)\s*h([12]))(?![\p{L}\p{N}])/giu;
const CJK_HALF = /(20\d\d)\s*年?\s*(?:度\s*)?(上期|上半期|上半年|下期|下半期|下半年)/gu;
const CJK_MONTH = /(20\d\d)\s*年\s*(\d{1,2})\s*月/gu;
const FISCAL_YEAR = /(?<![\p{L}\p{N}])fy\s*'?(?:20)?(\d\d)(?![\p{L}\p{N}])/giu;
const MONTH_YEAR = new RegExp(`(?<![\\p{L}\\p{N}])${MONTH_WORD}\\s+(?:de\\s+|of\\s+)?(20\\d\\d)(?!\\d)`, 'giu');
/** A cheap test that the text names a year at all, before the expressions that read periods run. */
const MENTION_HINT = /20\d\d|fy\s*'?\d\d|[qh][1-4]\s*'?\d\d/iu;
const BARE_YEAR = /(?<![\p{L}\p{N}.\-/])(20\d\d)(?![\p{N}.\-/年])/gu;

/**
 * How far ahead of the day number `at` the furthest period named in the text lies, in days (to the middle of a quarter, half or
 * year, or to the day named); undefined when the text names none. A bare year counts only when nothing more
 * precise is named, so "March 2027" is not read as mid-2027.
 */
export function furthestMentionDays(text: string, at: number): number | undefined {
  if (!MENTION_HINT.test(text)) return undefined;
  const precise: Date[] = [];
  for (const m of text.matchAll(ISO_DATE)) precise.push(day(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  for (const m of text.matchAll(QUARTER))
    precise.push(middleOf(fullYear(m[2] ?? m[3]), (Number(m[1] ?? m[4]) - 1) * 3, 3));
  for (const m of text.matchAll(HALF))
    precise.push(middleOf(fullYear(m[2] ?? m[3]), (Number(m[1] ?? m[4]) - 1) * 6, 6));
  for (const m of text.matchAll(CJK_HALF)) precise.push(middleOf(Number(m[1]), m[2]?.startsWith('上') ? 0 : 6, 6));
  for (const m of text.matchAll(CJK_MONTH)) precise.push(day(Number(m[1]), Number(m[2]) - 1, 15));
  for (const m of text.matchAll(FISCAL_YEAR)) precise.push(middleOf(fullYear(m[1]), 0, 12));
  for (const m of text.matchAll(MONTH_YEAR)) {
    const month = MONTH_INDEX.get((m[1] ?? '').toLowerCase());
    if (month !== undefined) precise.push(day(Number(m[2]), month, 15));
  }
  const dates = precise.length > 0 ? precise : [...text.matchAll(BARE_YEAR)].map((m) => middleOf(Number(m[1]), 0, 12));
  if (dates.length === 0) return undefined;
  return Math.max(...dates.map((date) => dayNumberOf(date) - at));
}

function fullYear(digits: string | undefined): number {
  const value = Number(digits);
  return value < 100 ? 2000 + value : value;
}

function middleOf(year: number, firstMonth: number, months: number): Date {
  const start = day(year, firstMonth, 1);
  return addDays(start, Math.floor(differenceInCalendarDays(addMonths(start, months), start) / 2));
}

/** Calendar days are local midnights, like date-fns' parseISO of a plain date, so day counts ignore time zones. */
function day(year: number, month: number, dayOfMonth: number): Date {
  return new Date(year, month, dayOfMonth);
}
