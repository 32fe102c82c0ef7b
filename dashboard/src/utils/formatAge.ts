import { tIn } from '@/i18n';

/**
 * Formats a duration the way the wall shows the age of its data: `8 秒`, `2 分 05 秒`, `1 小时 03 分`
 * (or `8 s`, `2 min 05 s` … in English).
 */
export function formatAge(ms: number, language: 'zh' | 'en' = 'zh'): string {
  const locale = language === 'en' ? 'en' : 'zh-CN';
  const unit = {
    s: tIn(locale, 'age.s'),
    m: tIn(locale, 'age.m'),
    h: tIn(locale, 'age.h'),
    d: tIn(locale, 'age.d'),
  };
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds} ${unit.s}`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} ${unit.m} ${pad(seconds % 60)} ${unit.s}`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} ${unit.h} ${pad(minutes % 60)} ${unit.m}`;
  return `${Math.floor(hours / 24)} ${unit.d} ${hours % 24} ${unit.h}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
