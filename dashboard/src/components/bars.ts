/** One bar of a {@link BarList}. */
export interface BarItem {
  key: string;
  label: string;
  /** 0–1 of the longest bar */
  share: number;
  /** the text at the end of the bar */
  value: string;
  /** the served figure the bar shows, unformatted (in the page for checks against the API) */
  amount: number;
}

/** Bars for `rows` in their order, each as long as its amount against the largest. */
export function toBars<T>(
  rows: T[],
  key: (row: T) => string,
  label: (row: T) => string,
  amount: (row: T) => number,
  format: (amount: number) => string,
): BarItem[] {
  const most = Math.max(1, ...rows.map(amount));
  return rows.map((row) => ({
    key: key(row),
    label: label(row),
    share: amount(row) / most,
    value: format(amount(row)),
    amount: amount(row),
  }));
}
