import type { ApolloClient } from '@apollo/client/core';
import { type InjectionKey, inject } from 'vue';
import type { WallParams } from '@/config';
import type { WallNavigation } from './navigation';

/** What every panel needs from the page: the clients, the socket's connects, where the wall is. */
export interface WallContext {
  /** Queries over HTTP, subscriptions over graphql-ws. */
  apollo: Pick<ApolloClient<unknown>, 'query' | 'subscribe'>;
  /** Calls `listener` on every socket (re)connect; returns the function that stops it. */
  onConnected(listener: () => void): () => void;
  navigation: WallNavigation;
  params: WallParams;
}

export const wallContextKey: InjectionKey<WallContext> = Symbol('wallContext');

export function useWallContext(): WallContext {
  const context = inject(wallContextKey);
  if (!context) throw new Error('panels need a wall context: app.provide(wallContextKey, …)');
  return context;
}
