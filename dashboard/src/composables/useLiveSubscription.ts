import type { TypedDocumentNode } from '@apollo/client/core';
import { onScopeDispose, watch } from 'vue';
import { backoffDelay } from '@/utils/backoff';
import { useWallContext } from '@/wall/context';

/** Options of {@link useLiveSubscription}. */
export interface LiveSubscriptionOptions {
  /** @default 30_000 */
  retryCapMs?: number;
  /**
   * Take an event that came with errors but with its data: a field answered by a subgraph that is
   * down arrives null, and the rest of the event still stands. Otherwise such an event is dropped and
   * the subscription restarted, which suits events that are nothing without every field.
   * @default false
   */
  partial?: boolean;
}

/**
 * Follows one subscription while the calling component lives, restarting it when `variables` change.
 * graphql-ws carries it across reconnects; when the server ends or refuses it (say, a field it does
 * not have yet), it is started again after a backoff capped at `retryCapMs`, without disturbing
 * anything else on the wall.
 */
export function useLiveSubscription<TData, TVars>(
  query: TypedDocumentNode<TData, TVars>,
  variables: () => TVars,
  onData: (data: TData) => void,
  options: LiveSubscriptionOptions = {},
): void {
  const retryCapMs = options.retryCapMs ?? 30_000;
  const partial = options.partial ?? false;
  const { apollo } = useWallContext();
  let subscription: { unsubscribe(): void } | null = null;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let attempt = 0;
  let disposed = false;

  const stop = () => {
    clearTimeout(retry);
    subscription?.unsubscribe();
    subscription = null;
  };
  const start = () => {
    stop();
    if (disposed) return;
    const lost = () => {
      subscription = null;
      clearTimeout(retry);
      if (!disposed) retry = setTimeout(start, backoffDelay(attempt++, { capMs: retryCapMs }));
    };
    subscription = apollo
      .subscribe({
        query,
        variables: variables() as never,
        fetchPolicy: 'no-cache',
        errorPolicy: partial ? 'all' : 'none',
      })
      .subscribe({
        next: (result) => {
          if (result.errors?.length && !partial) return;
          attempt = 0;
          if (result.data) onData(result.data as TData);
        },
        error: lost,
        complete: lost,
      });
  };

  watch(variables, start, { immediate: true, deep: true });
  onScopeDispose(() => {
    disposed = true;
    stop();
  });
}
