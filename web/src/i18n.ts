/**
 * Every text of the page comes from a message file in ./messages: `<language tag>.json`, with a
 * `_meta` entry naming the language and the locale for dates and numbers. A new file (Albanian
 * `sq.json`, Romani `rom.json`) is picked up by the build with no change to the code; a key it
 * lacks falls back to Serbian.
 */

import type englishFile from './messages/en.json';
import type serbianFile from './messages/sr-Latn.json';
import { toCyrillic } from './script.js';

type FileKeys<F> = Exclude<keyof F, '_meta'> & string;
type PluralForm = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';
type WithoutForm<K> = K extends `${infer B}.${PluralForm}` ? (B extends `${string}.${PluralForm}` ? never : B) : never;
/** Keys with plural forms (`outbox.count` for `outbox.count.one` …): for plural(). */
export type PluralKey = WithoutForm<FileKeys<typeof englishFile>>;
/** Every message key English has, plural forms aside: t() takes only these (keys built from enums included). */
export type MessageKey = Exclude<FileKeys<typeof englishFile>, `${PluralKey}.${PluralForm}`>;
/** Serbian (Latin) must have the same keys: a key missing from either file fails the type check. */
type SerbianKey = Exclude<FileKeys<typeof serbianFile>, `${WithoutForm<FileKeys<typeof serbianFile>>}.${PluralForm}`>;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const serbianHasEveryKey: Same<SerbianKey, MessageKey> & Same<WithoutForm<FileKeys<typeof serbianFile>>, PluralKey> = true;

type Messages = Record<string, string> & { _meta?: never };
interface MessageFile {
  _meta: { name: string; locale: string };
  [key: string]: unknown;
}

const files = import.meta.glob<MessageFile>('./messages/*.json', { eager: true, import: 'default' });

export const DEFAULT_LANGUAGE = 'sr-Latn';

export const languages: { tag: string; name: string; locale: string; messages: Messages }[] = Object.entries(files)
  .map(([path, file]) => ({
    tag: /([^/]+)\.json$/.exec(path)![1]!,
    name: file._meta.name,
    locale: file._meta.locale,
    messages: Object.fromEntries(Object.entries(file).filter(([key]) => key !== '_meta')) as Messages,
  }))
  .flatMap((language) =>
    // Serbian Cyrillic, the official script, is the Latin file transliterated: every key is there in both.
    language.tag === DEFAULT_LANGUAGE
      ? [language, { tag: 'sr-Cyrl', name: 'Српски (ћирилица)', locale: 'sr-Cyrl-RS', messages: Object.fromEntries(Object.entries(language.messages).map(([key, text]) => [key, toCyrillic(text)])) as Messages }]
      : [language],
  )
  .sort((a, b) => (a.tag === DEFAULT_LANGUAGE ? -1 : b.tag === DEFAULT_LANGUAGE ? 1 : a.name.localeCompare(b.name)));

const fallback = languages.find((language) => language.tag === DEFAULT_LANGUAGE) ?? languages[0]!;

function stored(): string {
  try {
    return localStorage.getItem('language') ?? DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

let current = languages.find((language) => language.tag === stored()) ?? fallback;
const listeners = new Set<() => void>();

export const language = () => current;
export function setLanguage(tag: string) {
  current = languages.find((language) => language.tag === tag) ?? fallback;
  try {
    localStorage.setItem('language', current.tag);
  } catch {
    // private mode: the choice lasts for this visit
  }
  document.documentElement.lang = current.tag;
  listeners.forEach((listener) => listener());
}
export const subscribeLanguage = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** The message for a key, with `{name}` placeholders filled (numbers formatted for the language). */
/** Whether a key sent by the server is one the page has words for. */
export const isMessageKey = (key: string): key is MessageKey => Object.hasOwn(fallback.messages, key);

export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = current.messages[key] ?? fallback.messages[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    return value === undefined ? `{${name}}` : typeof value === 'number' ? formatNumber(value) : value;
  });
}

/** One of several forms by count (Intl.PluralRules): keys `<key>.one`, `<key>.few`, `<key>.other`. */
export function plural(key: PluralKey, count: number, params: Record<string, string | number> = {}): string {
  const form = new Intl.PluralRules(current.locale).select(count);
  const chosen = current.messages[`${key}.${form}`] ?? fallback.messages[`${key}.${form}`] ? `${key}.${form}` : `${key}.other`;
  return t(chosen as MessageKey, { count, ...params });
}

export const formatNumber = (value: number, options?: Intl.NumberFormatOptions) => new Intl.NumberFormat(current.locale, options).format(value);
export const formatPercent = (value: number) => formatNumber(value, { style: 'percent', maximumFractionDigits: 0 });

const parseDate = (isoDate: string) => {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Date(y!, (m ?? 1) - 1, d ?? 1, 12);
};
export const formatDate = (isoDate: string, options: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric' }) =>
  new Intl.DateTimeFormat(current.locale, options).format(parseDate(isoDate));
export const formatWeekday = (isoDate: string) =>
  new Intl.DateTimeFormat(current.locale, { weekday: 'long', day: 'numeric', month: 'long' }).format(parseDate(isoDate));
export const formatTime = (instant: string) => new Intl.DateTimeFormat(current.locale, { hour: '2-digit', minute: '2-digit' }).format(new Date(instant));
export const formatMonth = (yearMonth: string) =>
  new Intl.DateTimeFormat(current.locale, { month: 'short', year: 'numeric' }).format(parseDate(`${yearMonth}-01`));
export const formatDateTime = (epochMs: number) =>
  new Intl.DateTimeFormat(current.locale, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(new Date(epochMs));
