import { Logger as HiveLogger, type LogLevel } from '@graphql-hive/gateway-runtime';
import { GATEWAY_PASS_PARAM } from '@pb/platform/gateway-pass';
import type { Logger } from '@pb/platform/logger';

/**
 * The runtime's logger writing through our pino logger, with tokens redacted from its debug logs. The
 * redaction is ours, in the writer: the runtime makes a child logger per request, and a child given the
 * logger's `redact` paths compiles them anew (fast-redact builds functions), which was 4% of the
 * gateway's CPU under load.
 */
export function hiveLogger(logger: Logger): HiveLogger {
  const level: LogLevel | false =
    logger.level === 'silent' ? false : logger.level === 'fatal' ? 'error' : (logger.level as LogLevel);
  return new HiveLogger({
    level,
    writers: [
      {
        write(logLevel, attrs, message) {
          const fields = Array.isArray(attrs) ? { attrs } : redactSecrets(attrs ?? {});
          logger[logLevel](fields, message ?? undefined);
        },
      },
    ],
  });
}

/** Where the runtime's log attributes can carry a credential: an object key, then the secret's keys. */
const SECRETS_IN_LOGS: ReadonlyArray<[string, readonly string[]]> = [
  ['connectionParams', ['authorization', GATEWAY_PASS_PARAM]],
  ['headers', ['authorization']],
];

/** `attrs` with every credential of SECRETS_IN_LOGS replaced, copied only where one is present. */
export function redactSecrets(attrs: Record<string, unknown>): Record<string, unknown> {
  let redacted = attrs;
  for (const [holder, keys] of SECRETS_IN_LOGS) {
    const value = attrs[holder];
    if (typeof value !== 'object' || value === null) continue;
    const present = keys.filter((key) => key in value);
    if (present.length === 0) continue;
    if (redacted === attrs) redacted = { ...attrs };
    redacted[holder] = {
      ...value,
      ...Object.fromEntries(present.map((key) => [key, '[Redacted]'])),
    };
  }
  return redacted;
}
