import type { ApolloClient } from '@apollo/client/core';
import { type InjectionKey, inject } from 'vue';
import type { WallParams } from '@/config';
import type { WallConnection } from './connection';
import type { WallNavigation } from './navigation';
import { createStreamRegistry, type StreamRegistry } from './streams';

/** What every panel needs from the page: the clients, the socket's state, where the wall is. */
export interface WallContext {
  /** Snapshot queries over HTTP. */
  apollo: Pick<ApolloClient<unknown>, 'query'>;
  /** The wall's subscriptions over graphql-ws, one per stream and scope. */
  streams: StreamRegistry;
  connection: WallConnection;
  navigation: WallNavigation;
  params: WallParams;
}

/** The context of one wall; its subscriptions are shared by every panel under it. */
export function createWallContext(options: {
  apollo: Pick<ApolloClient<unknown>, 'query' | 'subscribe'>;
  connection: WallConnection;
  navigation: WallNavigation;
  params: WallParams;
}): WallContext {
  const { apollo, ...rest } = options;
  return { apollo, streams: createStreamRegistry(apollo), ...rest };
}

export const wallContextKey: InjectionKey<WallContext> = Symbol('wallContext');

export function useWallContext(): WallContext {
  const context = inject(wallContextKey);
  if (!context) throw new Error('panels need a wall context: app.provide(wallContextKey, …)');
  return context;
}
