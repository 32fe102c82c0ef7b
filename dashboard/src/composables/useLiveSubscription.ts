import type { TypedDocumentNode } from '@apollo/client/core';
import { onScopeDispose, watch } from 'vue';
import { useWallContext } from '@/wall/context';
import type { FollowOptions, StreamFollower } from '@/wall/streams';

/** Options of {@link useLiveSubscription}. */
export interface LiveSubscriptionOptions extends FollowOptions {
  /** The server ended the stream; it is started again after a backoff. */
  onLost?: () => void;
  /** The stream was started again; what changed in between was not seen. */
  onResubscribed?: () => void;
}

/**
 * Follows one stream while the calling component lives, following the new scope when `variables`
 * change. The subscription is the wall's shared one for that document and scope
 * (`wall/streams.ts`): panels that follow the same stream open it once between them.
 */
export function useLiveSubscription<TData, TVars>(
  query: TypedDocumentNode<TData, TVars>,
  variables: () => TVars,
  onData: (data: TData) => void,
  options: LiveSubscriptionOptions = {},
): void {
  const { streams } = useWallContext();
  const follower: StreamFollower<TData> = {
    next: onData,
    lost: options.onLost,
    resubscribed: options.onResubscribed,
  };
  let stop: (() => void) | null = null;
  watch(
    variables,
    (scope) => {
      stop?.();
      stop = streams.follow(query, scope, follower, { partial: options.partial });
    },
    { immediate: true, deep: true },
  );
  onScopeDispose(() => stop?.());
}
