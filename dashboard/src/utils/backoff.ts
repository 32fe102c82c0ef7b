/** Options of {@link backoffDelay}. */
export interface BackoffOptions {
  /**
   * Delay before the first retry, before jitter.
   * @default 500
   */
  baseMs?: number;
  /**
   * Longest delay, before jitter; a wall should be back within seconds of the gateway.
   * @default 5000
   */
  capMs?: number;
  /**
   * Source of randomness in [0, 1).
   * @default Math.random
   */
  random?: () => number;
}

/**
 * Milliseconds to wait before retry number `attempt` (0 for the first): exponential, capped, with
 * "equal jitter" (between half and all of the step) so that walls restarting together spread out.
 */
export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  const { baseMs = 500, capMs = 5000, random = Math.random } = options;
  const step = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.round(step / 2 + (random() * step) / 2);
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
