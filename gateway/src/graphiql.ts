import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import {
  css,
  editorWorkerService,
  graphqlWorker,
  js,
  jsonWorker,
  favicon as packageFavicon,
} from '@graphql-yoga/render-graphiql/graphiql';
import type { GraphiQLOptions } from 'graphql-yoga';
import type { SavedQuery } from './saved-queries.js';
import {
  acceptedEncodings,
  CONTENT_TYPES,
  contentTypeOf,
  IMMUTABLE,
  refuseUnlessRead,
  sendRepresentation,
  sendText,
} from './static-assets.js';

/** What the gateway's GraphiQL page is given beyond GraphiQL's own options. */
export interface AnalystGraphiQLOptions extends GraphiQLOptions {
  /** graphql-ws connection params (the token), which GraphiQL's headers editor does not reach. */
  connectionParams?: Record<string, string>;
  /** Offered in the bar above GraphiQL, and opened as tabs on a first visit. */
  savedQueries: SavedQuery[];
  /** Where the Export CSV button sends the current tab's query. */
  csvPath: string;
}

/** GraphiQL's script, styles, Monaco workers and icon, each at a URL that names its content's hash. */
export const GRAPHIQL_ASSETS_PATH = '/graphql/assets/';

/** Serialized into a `<script>`: `<` escaped so that no string in it can close the script element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replaceAll('<', '\\u003c');

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The element the page's settings travel in, read by the analysts' script. */
const SETTINGS_ID = 'pb-graphiql';

interface GraphiQLAsset {
  path: string;
  hash: string;
  identity: Buffer;
  /** Brotli and gzip, made once in the background; a coding that does not shrink the asset is left out. */
  compressed: Promise<Partial<Record<'br' | 'gzip', Buffer>>>;
}

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/**
 * Brotli's quality 6 with a 16 MB window: GraphiQL's 5 MB script takes about a second, against half a
 * minute at quality 11, for 13% more bytes, paid once per browser (the URLs are immutable). Done on
 * libuv's threads, so the gateway starts and answers while it runs; an asset asked for before then
 * waits for it.
 */
async function compress(identity: Buffer): Promise<Partial<Record<'br' | 'gzip', Buffer>>> {
  const [br, gz] = await Promise.all([
    brotli(identity, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 6,
        [constants.BROTLI_PARAM_LGWIN]: 24,
        [constants.BROTLI_PARAM_SIZE_HINT]: identity.length,
      },
    }),
    gzipped(identity, { level: 9 }),
  ]);
  return {
    ...(br.length < identity.length ? { br } : {}),
    ...(gz.length < identity.length ? { gzip: gz } : {}),
  };
}

function asset(name: string, extension: string, content: string | Buffer): GraphiQLAsset {
  const identity = Buffer.isBuffer(content) ? content : Buffer.from(content);
  const hash = createHash('sha256').update(identity).digest('base64url').slice(0, 16);
  return {
    path: `${GRAPHIQL_ASSETS_PATH}${name}.${hash}${extension}`,
    hash,
    identity,
    // should zlib ever fail, the asset goes out as it is rather than not at all
    compressed: compress(identity).catch(() => ({})),
  };
}

interface GraphiQLAssets {
  script: GraphiQLAsset;
  styles: GraphiQLAsset;
  workers: Record<'editorWorkerService' | 'json' | 'graphql', GraphiQLAsset>;
  analystScript: GraphiQLAsset;
  analystStyles: GraphiQLAsset;
  byPath: Map<string, GraphiQLAsset>;
  /** Icons given as `data:` URLs, by that URL. */
  icons: Map<string, GraphiQLAsset>;
}

let assets: GraphiQLAssets | undefined;

/**
 * The assets, made on first use and kept for the process: they come from installed packages and
 * this module, so every gateway in the process shares them.
 */
function graphiqlAssets(): GraphiQLAssets {
  if (assets) return assets;
  const made = {
    script: asset('graphiql', '.js', js),
    styles: asset('graphiql', '.css', css),
    // Monaco starts each worker from MonacoEnvironment.getWorkerUrl as a module worker; a
    // same-origin URL does what the package's blob: URLs did
    workers: {
      editorWorkerService: asset('editor-worker', '.js', editorWorkerService),
      json: asset('json-worker', '.js', jsonWorker),
      graphql: asset('graphql-worker', '.js', graphqlWorker),
    },
    analystScript: asset(
      'analysts',
      '.js',
      `(${analystPage.toString()})(JSON.parse(document.getElementById(${JSON.stringify(SETTINGS_ID)}).textContent));\n`,
    ),
    analystStyles: asset('analysts', '.css', BAR_CSS),
  };
  const all = [
    made.script,
    made.styles,
    ...Object.values(made.workers),
    made.analystScript,
    made.analystStyles,
  ];
  assets = { ...made, byPath: new Map(all.map((a) => [a.path, a])), icons: new Map() };
  return assets;
}

/**
 * The icon's URL. The runtime and the package give theirs as a `data:` URL (70 KB and more, in every
 * page and again in GraphiQL's options); its bytes go out as an asset of their own instead, made
 * once per icon.
 */
function iconPath(href: string): string {
  const data = /^data:([\w.+-]+\/[\w.+-]+);base64,/.exec(href);
  if (!data) return href;
  const { byPath, icons } = graphiqlAssets();
  let icon = icons.get(href);
  if (!icon) {
    const extension = Object.keys(CONTENT_TYPES).find((ext) => CONTENT_TYPES[ext]!.split(';')[0] === data[1]);
    icon = asset('favicon', extension ?? '', Buffer.from(href.slice(data[0].length), 'base64'));
    icons.set(href, icon);
    byPath.set(icon.path, icon);
  }
  return icon.path;
}

/**
 * Serves GraphiQL's assets under {@link GRAPHIQL_ASSETS_PATH}, immutable, in the coding the browser
 * accepts (brotli first). Creating it starts their compression, once per process. Browsers fetch
 * these with no token (script, stylesheet, worker and icon requests carry no Authorization header),
 * so like the wall's files they are public: GraphiQL's own code and the bar's, nothing of the graph.
 */
export function createGraphiQLAssetHandler() {
  const { byPath } = graphiqlAssets();
  return async function serveGraphiQLAsset(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (refuseUnlessRead(req, res, 'GraphQL is at /graphql.')) return;
    const found = byPath.get(new URL(req.url ?? '/', 'http://gateway').pathname);
    if (!found) return sendText(res, 404, 'Not found.');
    const compressed = await found.compressed;
    const encoding =
      acceptedEncodings(req.headers['accept-encoding']).find((e) => compressed[e]) ?? 'identity';
    const body = encoding === 'identity' ? found.identity : compressed[encoding]!;
    return sendRepresentation(req, res, {
      contentType: contentTypeOf(found.path),
      cacheControl: IMMUTABLE,
      etag: `"${found.hash}-${encoding}"`,
      encoding,
      size: body.length,
      body,
    });
  };
}

/**
 * Sends the GraphiQL page the runtime renders (with {@link renderAnalystGraphiQL}), revalidated on each
 * visit with an ETag of its bytes. `private`: outside production it carries a development token. The
 * page holds only the options and saved queries; everything else is in the cached assets.
 */
export async function sendGraphiQLPage(
  req: IncomingMessage,
  res: ServerResponse,
  render: (request: Request) => Promise<Response>,
): Promise<void> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const response = await render(new Request(new URL(req.url ?? '/', 'http://gateway'), { headers }));
  const html = Buffer.from(await response.arrayBuffer());
  if (response.status !== 200) {
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(html);
    return;
  }
  return sendRepresentation(req, res, {
    contentType: 'text/html; charset=utf-8',
    cacheControl: 'private, no-cache',
    etag: `"${createHash('sha256').update(html).digest('base64url').slice(0, 22)}"`,
    encoding: 'identity',
    size: html.length,
    body: html,
  });
}

/**
 * The GraphiQL page, offline: GraphiQL's script, styles, Monaco workers and icon come from
 * `@graphql-yoga/render-graphiql` as separate, cached assets of this gateway (see
 * {@link createGraphiQLAssetHandler}), with a bar above GraphiQL for analysts (the saved queries and
 * an Export CSV button). GraphiQL's props that take functions (`onTabChange`, `onEdit…`) cannot
 * travel as the JSON of the stock renderer, hence this page of our own; its settings travel as JSON
 * that the analysts' script reads.
 */
export function renderAnalystGraphiQL(options: AnalystGraphiQLOptions): string {
  // the icon is the page's, not GraphiQL's: it goes in a link, not into GraphiQL's options
  const { savedQueries, csvPath, favicon = packageFavicon, ...graphiql } = options;
  const headers = graphiql.headers;
  const page: PageConfig = {
    csvPath,
    savedQueries: savedQueries.map(({ operationName, questionZh, questionEn, query }) => ({
      operationName,
      questionZh,
      questionEn,
      query,
    })),
  };
  const rendered: GraphiQLOptions = {
    ...graphiql,
    // a first visit opens every saved query as a tab; later visits keep the analyst's own tabs
    defaultTabs: savedQueries.map(({ query }) => ({ query, headers: headers ?? null })),
  };
  const { script, styles, workers, analystScript, analystStyles } = graphiqlAssets();
  const workerUrls = Object.fromEntries(
    Object.entries(workers).map(([label, worker]) => [label, worker.path]),
  );
  const title = escapeHtml(graphiql.title ?? 'GraphiQL');
  return `<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="utf-8" />
    <title>${title}</title>
    <link rel="icon" href="${escapeHtml(iconPath(favicon))}" />
    <link rel="stylesheet" href="${styles.path}" />
    <link rel="stylesheet" href="${analystStyles.path}" />
  </head>
  <body id="body" class="no-focus-outline">
    <noscript>GraphiQL 需要启用 JavaScript · GraphiQL needs JavaScript.</noscript>
    <header class="pb-bar">
      <label>示例查询 · Saved queries
        <select id="pb-saved"><option value="">选择一个问题 · Choose a question…</option></select>
      </label>
      <button id="pb-export" type="button" title="下载当前标签页查询结果中第一个列表 · Downloads the first list in the current tab's result">导出 CSV · Export CSV</button>
      <span id="pb-status" role="status" aria-live="polite"></span>
    </header>
    <div id="root"></div>
    <script>
      self.MonacoEnvironment = {
        globalAPI: false,
        getWorkerUrl: function (moduleId, label) {
          return ${scriptJson(workerUrls)}[label];
        },
      };
    </script>
    <script type="application/json" id="${SETTINGS_ID}">${scriptJson({ options: rendered, page })}</script>
    <script src="${script.path}"></script>
    <script src="${analystScript.path}"></script>
  </body>
</html>`;
}

const BAR_CSS = `
  .pb-bar { box-sizing: border-box; height: 44px; display: flex; align-items: center; gap: 16px;
    padding: 0 16px; background: #a4000f; color: #fff; white-space: nowrap;
    font: 14px/1.4 system-ui, "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif; }
  .pb-bar label { display: flex; align-items: center; gap: 8px; flex-shrink: 0; }
  .pb-bar select, .pb-bar button { font: inherit; padding: 4px 8px; border-radius: 4px; border: 1px solid #e8c37d; }
  .pb-bar select { max-width: 28em; }
  .pb-bar button { flex-shrink: 0; background: #e8c37d; color: #4a0006; font-weight: 600; cursor: pointer; }
  .pb-bar button:disabled { opacity: 0.6; cursor: progress; }
  #pb-status { min-width: 0; overflow: hidden; text-overflow: ellipsis; }
  #pb-status.pb-error { color: #ffe08a; font-weight: 600; }
  #root { height: calc(100vh - 44px); }
  #root .graphiql-container { height: 100%; width: 100%; }
`;

interface PageConfig {
  csvPath: string;
  savedQueries: Array<Pick<SavedQuery, 'operationName' | 'questionZh' | 'questionEn' | 'query'>>;
}

interface TabValues {
  query?: string | null;
  variables?: string | null;
  headers?: string | null;
  operationName?: string | null;
}

/**
 * Runs in the browser (serialized with `toString()` into the analysts' script, so it may use nothing
 * from this module), given the page's settings: renders
 * GraphiQL, keeps the current tab's query, variables and headers from GraphiQL's callbacks, and wires
 * the bar. Typed loosely: the gateway compiles without the DOM library.
 */
// biome-ignore lint/suspicious/noExplicitAny: browser globals, see above
function analystPage({ options, page }: { options: Record<string, any>; page: PageConfig }): void {
  // biome-ignore lint/suspicious/noExplicitAny: browser globals
  const browser = globalThis as any;
  const { document, location, sessionStorage, localStorage } = browser;
  const CARRIED_HEADERS = 'pb:carried-headers';
  const status = document.getElementById('pb-status');
  const say = (text: string, isError = false) => {
    status.textContent = text;
    status.title = text;
    status.className = isError ? 'pb-error' : '';
  };

  // the headers (the token) of the page a saved query was opened from, kept only across that load
  const carried = sessionStorage.getItem(CARRIED_HEADERS);
  if (carried !== null) {
    sessionStorage.removeItem(CARRIED_HEADERS);
    options.headers = carried;
  }

  let current: TabValues | undefined;
  const fromTabs = (state: { tabs: TabValues[]; activeTabIndex: number }) => {
    current = { ...state.tabs[state.activeTabIndex] };
  };
  const edited = (field: keyof TabValues) => (value: string) => {
    current = { ...currentTab(), [field]: value };
  };
  // before GraphiQL has reported anything: the one the URL asked for (GraphiQL shows it in the active tab,
  // while the tab state it stores may still be the previous page's), else the tab it restored
  const currentTab = (): TabValues => {
    if (current) return current;
    const fromUrl = new URL(location.href).searchParams.get('query');
    if (fromUrl) return { query: fromUrl };
    try {
      const stored = JSON.parse(localStorage.getItem('graphiql:tabState') ?? 'null');
      if (stored?.tabs?.[stored.activeTabIndex]) return { ...stored.tabs[stored.activeTabIndex] };
    } catch {
      // unreadable storage: fall through to the defaults
    }
    return { query: options.defaultTabs?.[0]?.query ?? '' };
  };

  browser.YogaGraphiQL.renderYogaGraphiQL(document.querySelector('#root'), {
    ...options,
    onTabChange: fromTabs,
    onEditQuery: edited('query'),
    onEditVariables: edited('variables'),
    onEditHeaders: edited('headers'),
  });

  const headersOf = (tab: TabValues): string => tab.headers || options.headers || '{}';
  const authorizationOf = (headers: string): string | undefined => {
    try {
      const parsed = JSON.parse(headers) as Record<string, unknown>;
      const key = Object.keys(parsed).find((name) => name.toLowerCase() === 'authorization');
      return key && typeof parsed[key] === 'string' ? (parsed[key] as string) : undefined;
    } catch {
      return undefined;
    }
  };

  const select = document.getElementById('pb-saved');
  for (const saved of page.savedQueries) {
    const option = document.createElement('option');
    option.value = saved.operationName;
    option.textContent = `${saved.questionZh.split('：')[0]} · ${saved.questionEn.split(':')[0]}`;
    option.title = `${saved.questionZh}\n${saved.questionEn}`;
    select.append(option);
  }
  select.addEventListener('change', () => {
    const saved = page.savedQueries.find((q) => q.operationName === select.value);
    if (!saved) return;
    // GraphiQL opens ?query=… in a tab of its own (or the tab that already holds it)
    sessionStorage.setItem(CARRIED_HEADERS, headersOf(currentTab()));
    const url = new URL(location.href);
    url.search = '';
    url.searchParams.set('query', saved.query);
    location.assign(url.toString());
  });

  const button = document.getElementById('pb-export');
  button.addEventListener('click', async () => {
    const tab = currentTab();
    let variables: unknown;
    try {
      variables = tab.variables?.trim() ? JSON.parse(tab.variables) : undefined;
    } catch {
      say('变量不是有效的 JSON · The variables are not valid JSON.', true);
      return;
    }
    const authorization = authorizationOf(headersOf(tab));
    button.disabled = true;
    say('正在导出… · Exporting…');
    try {
      const response = await browser.fetch(page.csvPath, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(authorization ? { authorization } : {}),
        },
        body: JSON.stringify({
          query: tab.query ?? '',
          variables,
          operationName: tab.operationName || undefined,
        }),
      });
      if (!response.ok) {
        const body = await response.json().catch(() => ({}));
        const errors = (body.errors ?? [{ message: `HTTP ${response.status}` }]) as Array<{
          message: string;
          extensions?: { code?: string };
        }>;
        say(errors.map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message}`).join(' | '), true);
        return;
      }
      const disposition: string = response.headers.get('content-disposition') ?? '';
      const file = /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'export.csv';
      const link = document.createElement('a');
      link.href = URL.createObjectURL(await response.blob());
      link.download = file;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
      const rows = response.headers.get('x-row-count');
      const total = response.headers.get('x-total-count');
      const more = response.headers.get('x-has-next-page') === 'true';
      say(
        `已导出 ${rows} 行${total ? `（共 ${total} 行）` : ''} · Exported ${rows} rows${total ? ` of ${total}` : ''} → ${file}` +
          (more ? ' — 还有下一页，用 after 继续 · more pages: pass after' : ''),
      );
    } catch (error) {
      say(`导出失败 · Export failed: ${(error as Error).message}`, true);
    } finally {
      button.disabled = false;
    }
  });
}
