import { pino } from 'pino';

export type Logger = pino.Logger;

/** The one logger: JSON lines on stdout, one child per service. */
export function createLogger(service: string, level = 'info'): Logger {
  return pino({ name: service, level, base: { service } });
}
