/** The last `count` calendar months up to and including the one `now` is in, oldest first. */
export function lastMonths(now: Date, count: number): Array<{ label: string; from: string; to: string }> {
  const months = [];
  for (let back = count - 1; back >= 0; back--) {
    const first = new Date(now.getFullYear(), now.getMonth() - back, 1);
    const last = new Date(first.getFullYear(), first.getMonth() + 1, 0);
    months.push({ label: `${first.getMonth() + 1}月`, from: isoDate(first), to: isoDate(last) });
  }
  return months;
}

function isoDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
