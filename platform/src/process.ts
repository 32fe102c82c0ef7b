import { ConfigError } from './config.js';
import { DependencyUnavailableError } from './errors.js';

/**
 * Runs a server process: a missing dependency or a bad setting is one clear line and exit code 1
 * (not a stack trace); SIGTERM and SIGINT stop it cleanly and exit 0.
 */
export async function runService(
  name: string,
  start: () => Promise<{ stop(): Promise<void> }>,
): Promise<void> {
  let running: { stop(): Promise<void> };
  try {
    running = await start();
  } catch (error) {
    exitWithReason(name, error);
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const timer = setTimeout(() => {
      process.stderr.write(`${name}: did not stop within 10 s of ${signal}; exiting\n`);
      process.exit(1);
    }, 10_000);
    timer.unref();
    await running.stop().catch((error) => process.stderr.write(`${name}: error while stopping: ${error}\n`));
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

/** A command line that asks for something that does not exist; the message says what would. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * Prints why a command or server cannot go on: the message alone where the cause is the environment or
 * the command line, the stack where it is a fault of ours.
 */
export function exitWithReason(name: string, error: unknown): never {
  if (
    error instanceof ConfigError ||
    error instanceof DependencyUnavailableError ||
    error instanceof UsageError
  ) {
    process.stderr.write(`${name}: ${error.message}\n`);
  } else {
    process.stderr.write(
      `${name}: failed: ${error instanceof Error ? (error.stack ?? error.message) : error}\n`,
    );
  }
  process.exit(1);
}
