import './assets/main.css';

import { createApp, watch } from 'vue';
import App from './App.vue';
import { readWallParams, type WallParams } from './config';
import { createWallClients, sameOriginEndpoints } from './graphql/client';
import { createTokenSource } from './graphql/token';
import { startWallFeed } from './graphql/wallFeed';
import { locale } from './i18n';
import { createWallStore, wallStoreKey } from './stores/useWallStore';
import { type WallContext, wallContextKey } from './wall/context';
import { createWallNavigation } from './wall/navigation';

let params: WallParams | null = null;
let paramsProblem: string | null = null;
try {
  params = readWallParams(window.location.search);
} catch (error) {
  paramsProblem = error instanceof Error ? error.message : String(error);
}
const wallParams: WallParams = params ?? { token: null, regionCode: null, kiosk: false, rotateSeconds: null };

const store = createWallStore({ regionCode: wallParams.regionCode });
const navigation = createWallNavigation(wallParams.regionCode);
const app = createApp(App).provide(wallStoreKey, store);
document.documentElement.lang = locale.value;

if (params) {
  const tokens = createTokenSource({
    token: params.token,
    onProblem: store.report,
    early: window.__wallConfig,
  });
  const { apollo, socket } = createWallClients({
    tokens,
    ...sameOriginEndpoints(window.location),
    onProblem: store.report,
  });
  let socketUp = false;
  const listeners = new Set<() => void>();
  socket.on('connected', () => {
    socketUp = true;
    for (const listener of [...listeners]) listener();
  });
  socket.on('closed', () => {
    socketUp = false;
  });
  const context: WallContext = {
    apollo,
    onConnected: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    navigation,
    params,
  };
  app.provide(wallContextKey, context).mount('#app');

  // the headline figures and the connection state follow the region the wall shows
  let stopFeed = startWallFeed({ store, apollo, socket, readAtStart: true });
  watch(navigation.current, (code) => {
    stopFeed();
    store.setRegion(code);
    stopFeed = startWallFeed({ store, apollo, socket, alreadyConnected: socketUp });
  });
} else {
  // a wrong URL must not quietly show another region's figures: panels stay empty, nothing is asked
  app
    .provide(wallContextKey, {
      apollo: {
        query: () => Promise.reject(new Error(paramsProblem ?? '')),
        subscribe: () => ({ subscribe: () => ({ unsubscribe() {} }) }),
      } as unknown as WallContext['apollo'],
      onConnected: () => () => {},
      navigation,
      params: wallParams,
    })
    .mount('#app');
  store.report(paramsProblem);
}
