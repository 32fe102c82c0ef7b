import { DisposableSymbols, type GatewayPlugin } from '@graphql-hive/gateway-runtime';
import type { Logger } from '@pb/platform/logger';
import {
  type DocumentNode,
  type ExecutionResult,
  GraphQLError,
  type GraphQLSchema,
  getOperationAST,
  getVariableValues,
  validate,
} from 'graphql';
import { isAsyncIterable, mapMaybePromise } from 'graphql-yoga';

/**
 * Live subscriptions across a supergraph reload.
 *
 * On a new supergraph the runtime retires the old one's transports: it disposes their executors, and a
 * disposed graphql-ws client completes every subscription it carries (and the HTTP executor aborts the
 * requests in flight). Every client would then get `complete` and every wall resubscribe at once.
 * Instead each operation finishes on the supergraph it started on: a retired executor is disposed once
 * its last operation has ended ({@link servingUntilIdle}). A subscription the new supergraph can no
 * longer serve is ended on the reload, with an error saying what no longer validates
 * ({@link useSubscriptionsAcrossReloads}); new operations use the new supergraph. So an old supergraph's
 * transports (and its upstream WebSockets) live on while a subscription started on it runs, and that
 * subscription keeps the query plan it started with.
 *
 * Resubscribing each surviving subscription on the new supergraph instead would lose the events sent
 * between the old upstream subscription's end and the new one's start, and a figure subscription sends
 * no initial value: the wall would show a stale figure until the next change.
 */

/** The code of the error ending a subscription the new supergraph cannot serve. */
export const SUBSCRIPTION_ENDED_BY_SCHEMA_CHANGE = 'SUBSCRIPTION_ENDED_BY_SCHEMA_CHANGE';

type Executor = (request: unknown) => unknown;
/** An executor as transports make them, disposable by `Symbol.asyncDispose` or `Symbol.dispose`. */
type DisposableExecutor = Executor & { [key: symbol]: (() => unknown) | undefined };

/** The part of a Hive/Mesh transport this wraps. */
interface Transport {
  getSubgraphExecutor(options: { log?: { error(error: unknown, message: string): void } }): unknown;
}

/**
 * `transport`, its executors disposed only once the operations running on them have ended: the runtime
 * disposes the executors of the supergraph a reload replaced at once, which would end them. (On stop,
 * the gateway has ended every operation before it disposes the runtime, so nothing waits then.)
 */
export function servingUntilIdle<T extends Transport>(transport: T): T {
  return {
    ...transport,
    getSubgraphExecutor(options) {
      return mapMaybePromise(transport.getSubgraphExecutor(options), (executor) =>
        countingOperations(executor as DisposableExecutor, options.log),
      );
    },
  };
}

function countingOperations(
  inner: DisposableExecutor,
  log: { error(error: unknown, message: string): void } | undefined,
): Executor {
  let running = 0;
  let retired = false;
  const disposeInner = () =>
    (inner[DisposableSymbols.asyncDispose] ?? inner[DisposableSymbols.dispose])?.call(inner);
  const settle = () => {
    running--;
    if (running > 0 || !retired) return;
    try {
      void Promise.resolve(disposeInner()).catch((error) =>
        log?.error(error, 'disposing a retired executor failed'),
      );
    } catch (error) {
      log?.error(error, 'disposing a retired executor failed');
    }
  };
  const executor = ((request: unknown) => {
    running++;
    let result: unknown;
    try {
      result = inner(request);
    } catch (error) {
      settle();
      throw error;
    }
    // the runtime's executors answer now or later
    return mapMaybePromise(
      result,
      (value) => {
        // a subscription runs until its stream ends, not until its first result
        if (isAsyncIterable<Result>(value)) return new Stream(value[Symbol.asyncIterator](), settle);
        settle();
        return value;
      },
      (error) => {
        settle();
        throw error;
      },
    );
  }) as DisposableExecutor;
  executor[DisposableSymbols.asyncDispose] = () => {
    retired = true;
    return running === 0 ? disposeInner() : undefined;
  };
  return executor;
}

interface RunningSubscription {
  document: DocumentNode;
  operationName: string | null | undefined;
  variables: Record<string, unknown> | null | undefined;
  stream: Stream;
}

/**
 * Ends, on each new supergraph, the running subscriptions that no longer validate against it (a field
 * removed, an argument's type changed), with a last result carrying a
 * {@link SUBSCRIPTION_ENDED_BY_SCHEMA_CHANGE} error; the others go on.
 */
export function useSubscriptionsAcrossReloads(logger: Logger): GatewayPlugin {
  const running = new Set<RunningSubscription>();
  return {
    onSubscribe({ args }) {
      return {
        onSubscribeResult({ result, setResult }) {
          if (!isAsyncIterable<Result>(result)) return;
          const subscription: RunningSubscription = {
            document: args.document,
            operationName: args.operationName,
            variables: args.variableValues as Record<string, unknown> | null | undefined,
            stream: new Stream(result[Symbol.asyncIterator](), () => running.delete(subscription)),
          };
          running.add(subscription);
          setResult(subscription.stream);
        },
      };
    },
    onSchemaChange({ schema }) {
      let ended = 0;
      let continuing = 0;
      for (const subscription of running) {
        const problems = problemsIn(schema, subscription);
        if (problems.length === 0) {
          continuing++;
          continue;
        }
        ended++;
        subscription.stream.stop({
          errors: [
            new GraphQLError(
              `The supergraph changed and this subscription no longer validates against it: ${problems.join(' ')} Subscribe again with an operation the new supergraph serves.`,
              { extensions: { code: SUBSCRIPTION_ENDED_BY_SCHEMA_CHANGE } },
            ),
          ],
        });
      }
      if (ended + continuing > 0) {
        logger.info(
          { ended, continuing },
          'supergraph changed: subscriptions it cannot serve ended, the others continue',
        );
      }
    },
  };
}

/** What keeps `schema` from serving the subscription, as GraphQL's validation says it. */
function problemsIn(schema: GraphQLSchema, subscription: RunningSubscription): string[] {
  const errors = validate(schema, subscription.document);
  if (errors.length > 0) return errors.map((error) => error.message);
  const operation = getOperationAST(subscription.document, subscription.operationName);
  if (!operation) return ['the operation is gone.'];
  const coerced = getVariableValues(
    schema,
    operation.variableDefinitions ?? [],
    subscription.variables ?? {},
  );
  return (coerced.errors ?? []).map((error) => error.message);
}

type Result = ExecutionResult;

/**
 * A result stream read through: `onFinish` is called once when it ends, whoever ends it (the source, the
 * reader's `return`, or {@link Stream.stop}, which ends it with a last result at once, even while a
 * read is waiting on the source).
 */
class Stream implements AsyncIterableIterator<Result> {
  private finished = false;
  private sourceClosed = false;
  private last: Result | undefined;
  private interrupt: (() => void) | undefined;

  constructor(
    private readonly source: AsyncIterator<Result>,
    private readonly onFinish: () => void,
  ) {}

  /** Ends the stream: the next read (or the one waiting) gets `last`, the one after it the end. */
  stop(last: Result): void {
    if (this.finished || this.last) return;
    this.last = last;
    this.interrupt?.();
    this.closeSource();
  }

  async next(): Promise<IteratorResult<Result>> {
    if (this.last) return this.deliverLast();
    if (this.finished) return { value: undefined, done: true };
    const pending = this.source.next();
    const interrupted = new Promise<'interrupted'>((resolve) => {
      this.interrupt = () => resolve('interrupted');
    });
    let step: IteratorResult<Result> | 'interrupted';
    try {
      step = await Promise.race([pending, interrupted]);
    } catch (error) {
      if (!this.last) {
        this.finish();
        throw error;
      }
      step = 'interrupted';
    } finally {
      this.interrupt = undefined;
    }
    // a stop wins over whatever the source answered meanwhile (closing it may end it first)
    if (step === 'interrupted' || this.last) {
      pending.catch(() => undefined);
      return this.deliverLast();
    }
    if (step.done) this.finish();
    return step;
  }

  async return(): Promise<IteratorResult<Result>> {
    if (!this.finished) {
      this.finish();
      this.closeSource();
    }
    return { value: undefined, done: true };
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<Result> {
    return this;
  }

  private deliverLast(): IteratorResult<Result> {
    const value = this.last as Result;
    this.last = undefined;
    this.finish();
    return { value, done: false };
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.onFinish();
  }

  private closeSource(): void {
    if (this.sourceClosed) return;
    this.sourceClosed = true;
    try {
      void Promise.resolve(this.source.return?.()).catch(() => undefined);
    } catch {
      // a source that fails to close is closed enough: nothing reads it again
    }
  }
}
