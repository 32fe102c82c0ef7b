const DECIMAL_INTEGER = /^\d+$/;

/** Whether `incoming` (a stream version, a decimal integer string) is newer than `shown`. */
export function isNewerVersion(
  incoming: string | null | undefined,
  shown: string | null | undefined,
): boolean {
  if (incoming == null || !DECIMAL_INTEGER.test(incoming)) return shown == null;
  if (shown == null || !DECIMAL_INTEGER.test(shown)) return true;
  return BigInt(incoming) > BigInt(shown);
}
