/** Formats a duration the way the wall shows the age of its data: `8 秒`, `2 分 05 秒`, `1 小时 03 分`. */
export function formatAge(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds} 秒`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} 分 ${pad(seconds % 60)} 秒`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} 小时 ${pad(minutes % 60)} 分`;
  return `${Math.floor(hours / 24)} 天 ${hours % 24} 小时`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
