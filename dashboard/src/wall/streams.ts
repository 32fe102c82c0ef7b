import type { ApolloClient, TypedDocumentNode } from '@apollo/client/core';
import { getOperationName } from '@apollo/client/utilities';
import { backoffDelay } from '@/utils/backoff';

/** What a follower of a stream is told. */
export interface StreamFollower<TData> {
  next(data: TData): void;
  /** The server ended or refused the stream; it is started again after a backoff. */
  lost?(): void;
  /** The stream was started again after it was lost; changes in between were not seen. */
  resubscribed?(): void;
}

/** Options of {@link StreamRegistry.follow}. */
export interface FollowOptions {
  /**
   * Take an event that came with errors but with its data: a field answered by a subgraph that is
   * down arrives null, and the rest of the event still stands. Otherwise such an event ends the
   * subscription and it is started again, which suits events that are nothing without every field.
   * @default false
   */
  partial?: boolean;
}

interface SharedStream {
  followers: Set<StreamFollower<unknown>>;
  stop(): void;
}

/**
 * One subscription per stream and scope (document and variables), however many panels follow it: the
 * first follower opens it, the last one to leave closes it. graphql-ws carries it across reconnects;
 * when the server ends or refuses it (say, a field it does not have yet), it is started again after a
 * backoff capped at `retryCapMs`, without disturbing anything else on the wall.
 */
export function createStreamRegistry(
  apollo: Pick<ApolloClient<unknown>, 'subscribe'>,
  { retryCapMs = 30_000 }: { retryCapMs?: number } = {},
) {
  const streams = new Map<string, SharedStream>();

  function open(query: TypedDocumentNode<unknown, unknown>, variables: unknown, partial: boolean) {
    const followers = new Set<StreamFollower<unknown>>();
    let subscription: { unsubscribe(): void } | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;
    let stopped = false;

    const start = (again: boolean) => {
      subscription = apollo
        .subscribe({
          query,
          variables: variables as never,
          fetchPolicy: 'no-cache',
          errorPolicy: partial ? 'all' : 'none',
        })
        .subscribe({
          next: (result) => {
            if (result.errors?.length && !partial) return;
            attempt = 0;
            if (result.data) for (const follower of [...followers]) follower.next(result.data);
          },
          error: lost,
          complete: lost,
        });
      if (again) for (const follower of [...followers]) follower.resubscribed?.();
    };
    function lost() {
      subscription = null;
      clearTimeout(retry);
      if (stopped) return;
      for (const follower of [...followers]) follower.lost?.();
      retry = setTimeout(() => start(true), backoffDelay(attempt++, { capMs: retryCapMs }));
    }
    start(false);
    return {
      followers,
      stop() {
        stopped = true;
        clearTimeout(retry);
        subscription?.unsubscribe();
      },
    };
  }

  return {
    /** Follows `query` with `variables` until the returned function is called. */
    follow<TData, TVars>(
      query: TypedDocumentNode<TData, TVars>,
      variables: TVars,
      follower: StreamFollower<TData>,
      options: FollowOptions = {},
    ): () => void {
      const partial = options.partial ?? false;
      // the error policy is part of the key: a stream taken partly and one taken whole are not the same
      const key = JSON.stringify([getOperationName(query), variables, partial]);
      let stream = streams.get(key);
      if (!stream) {
        stream = open(query as TypedDocumentNode<unknown, unknown>, variables, partial);
        streams.set(key, stream);
      }
      const shared = stream;
      const member = follower as StreamFollower<unknown>;
      shared.followers.add(member);
      return () => {
        shared.followers.delete(member);
        if (shared.followers.size > 0 || streams.get(key) !== shared) return;
        streams.delete(key);
        shared.stop();
      };
    },
    /** How many subscriptions are open, one per stream and scope. */
    get size(): number {
      return streams.size;
    },
  };
}

export type StreamRegistry = ReturnType<typeof createStreamRegistry>;
