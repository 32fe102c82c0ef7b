import { shallowRef } from 'vue';
import { en } from './en';
import { type Messages, zh } from './zh';

/** Interface languages: zh-CN first, English on request. */
export type Locale = 'zh-CN' | 'en';
export type MessageKey = keyof Messages;

const catalogs: Record<Locale, Messages> = { 'zh-CN': zh, en };
const STORAGE_KEY = 'pb-wall-locale';

/** The language shown; reactive, so every `t()` in a template follows a toggle. */
export const locale = shallowRef<Locale>(readStoredLocale());

/** The message for `key` in the current language, `{name}` placeholders filled from `values`. */
export function t(key: MessageKey, values?: Record<string, string | number>): string {
  return tIn(locale.value, key, values);
}

/** {@link t} in a language other than the one shown. */
export function tIn(language: Locale, key: MessageKey, values?: Record<string, string | number>): string {
  const message = catalogs[language][key] ?? zh[key];
  if (!values) return message;
  return message.replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole));
}

/** A label for an enum value the server sends (`MemberStage.FULL` …); the raw value when unknown. */
export function label(group: string, value: string): string {
  const key = `${group}.${value}` as MessageKey;
  return key in zh ? t(key) : value;
}

export function setLocale(next: Locale): void {
  locale.value = next;
  document.documentElement.lang = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // a kiosk browser may forbid storage; the toggle still works for this page
  }
}

export function toggleLocale(): void {
  setLocale(locale.value === 'zh-CN' ? 'en' : 'zh-CN');
}

/** Numbers as people of the locale write them: 12,345 either way, rates as 87.5%. */
export function formatRate(rate: number | null | undefined): string {
  return typeof rate === 'number' && Number.isFinite(rate) ? `${(rate * 100).toFixed(1)}%` : '—';
}

export function formatCount(value: number | null | undefined): string {
  return typeof value === 'number' ? value.toLocaleString(locale.value) : '—';
}

/** Money in fen as 万元 (zh) or ten-thousands of yuan (en), one decimal. */
export function formatFen(fen: number): string {
  return (fen / 1_000_000).toFixed(1);
}

function readStoredLocale(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}
