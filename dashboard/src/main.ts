import './assets/main.css';

import { createApp } from 'vue';
import App from './App.vue';
import { readWallParams, type WallParams } from './config';
import { createWallClients, sameOriginEndpoints } from './graphql/client';
import { createTokenSource } from './graphql/token';
import { startWallFeed } from './graphql/wallFeed';
import { createWallStore, wallStoreKey } from './stores/useWallStore';

let params: WallParams | null = null;
let paramsProblem: string | null = null;
try {
  params = readWallParams(window.location.search);
} catch (error) {
  paramsProblem = error instanceof Error ? error.message : String(error);
}

const store = createWallStore({ regionCode: params?.regionCode ?? null });
createApp(App).provide(wallStoreKey, store).mount('#app');

if (params) {
  const tokens = createTokenSource({ token: params.token, onProblem: store.report });
  const { apollo, socket } = createWallClients({
    tokens,
    ...sameOriginEndpoints(window.location),
    onProblem: store.report,
  });
  startWallFeed({ store, apollo, socket });
} else {
  // a wrong URL must not quietly show another region's figures
  store.report(paramsProblem);
}
