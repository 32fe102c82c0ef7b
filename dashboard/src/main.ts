import './assets/main.css';

import { createApp } from 'vue';
import App from './App.vue';
import { readWallParams, type WallParams } from './config';
import { closeCodeOf, createWallClients, sameOriginEndpoints } from './graphql/client';
import { createTokenSource } from './graphql/token';
import { locale, t } from './i18n';
import { createWallConnection } from './wall/connection';
import { createWallContext, wallContextKey } from './wall/context';
import { createWallNavigation } from './wall/navigation';

let params: WallParams | null = null;
let paramsProblem: string | null = null;
try {
  params = readWallParams(window.location.search);
} catch (error) {
  paramsProblem = error instanceof Error ? error.message : String(error);
}
const wallParams: WallParams = params ?? { token: null, regionCode: null, kiosk: false, rotateSeconds: null };

const connection = createWallConnection();
const navigation = createWallNavigation(wallParams.regionCode);
const app = createApp(App);
document.documentElement.lang = locale.value;

if (params) {
  const tokens = createTokenSource({
    token: params.token,
    onProblem: connection.report,
    early: window.__wallConfig,
  });
  const { apollo, socket, sendQueriesNow } = createWallClients({
    tokens,
    ...sameOriginEndpoints(window.location),
    onProblem: connection.report,
  });
  // every panel reads again on a (re)connect; the headline's figures then make the wall live
  socket.on('connected', () => connection.connected());
  socket.on('closed', (event) => {
    connection.closed();
    connection.report(t('problem.closed', { code: closeCodeOf(event) ?? '—' }));
  });
  app.provide(wallContextKey, createWallContext({ apollo, connection, navigation, params })).mount('#app');
  // the panels asked for their snapshots while mounting: off they go, before the wall is first painted
  sendQueriesNow();
} else {
  // a wrong URL must not quietly show another region's figures: panels stay empty, nothing is asked
  const refused = () => Promise.reject(new Error(paramsProblem ?? ''));
  const nothing = { subscribe: () => ({ unsubscribe() {} }) };
  const apollo = { query: refused, subscribe: () => nothing } as unknown as Parameters<
    typeof createWallContext
  >[0]['apollo'];
  app
    .provide(wallContextKey, createWallContext({ apollo, connection, navigation, params: wallParams }))
    .mount('#app');
  connection.report(paramsProblem);
}
