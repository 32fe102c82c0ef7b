import {
  css,
  editorWorkerService,
  favicon,
  graphqlWorker,
  js,
  jsonWorker,
} from '@graphql-yoga/render-graphiql/graphiql';
import type { GraphiQLOptions } from 'graphql-yoga';
import type { SavedQuery } from './saved-queries.js';

/** What the gateway's GraphiQL page is given beyond GraphiQL's own options. */
export interface AnalystGraphiQLOptions extends GraphiQLOptions {
  /** graphql-ws connection params (the token), which GraphiQL's headers editor does not reach. */
  connectionParams?: Record<string, string>;
  /** Offered in the bar above GraphiQL, and opened as tabs on a first visit. */
  savedQueries: SavedQuery[];
  /** Where the Export CSV button sends the current tab's query. */
  csvPath: string;
}

/** Serialized into a `<script>`: `<` escaped so that no string in it can close the script element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replaceAll('<', '\\u003c');

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The GraphiQL page, offline: GraphiQL's script, styles and Monaco workers are inlined from
 * `@graphql-yoga/render-graphiql` (as its own renderer does), with a bar above it for analysts (the
 * saved queries and an Export CSV button). GraphiQL's props that take functions (`onTabChange`,
 * `onEdit…`) cannot travel as the JSON of the stock renderer, hence this page of our own.
 */
export function renderAnalystGraphiQL(options: AnalystGraphiQLOptions): string {
  const { savedQueries, csvPath, ...graphiql } = options;
  const headers = graphiql.headers;
  const page = {
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
  const title = escapeHtml(graphiql.title ?? 'GraphiQL');
  return `<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="utf-8" />
    <title>${title}</title>
    <link rel="icon" href="${escapeHtml(graphiql.favicon ?? favicon)}" />
    <style>${css}</style>
    <style>${BAR_CSS}</style>
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
      function prepareBlob(workerContent) {
        return URL.createObjectURL(new Blob([workerContent], { type: 'application/javascript' }));
      }
      const workers = {
        editorWorkerService: prepareBlob(${JSON.stringify(editorWorkerService)}),
        json: prepareBlob(${JSON.stringify(jsonWorker)}),
        graphql: prepareBlob(${JSON.stringify(graphqlWorker)}),
      };
      self['MonacoEnvironment'] = {
        globalAPI: false,
        getWorkerUrl: function (moduleId, label) {
          return workers[label];
        },
      };
      ${js};
    </script>
    <script>
      (${analystPage.toString()})(${scriptJson(rendered)}, ${scriptJson(page)});
    </script>
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
 * Runs in the browser (serialized with `toString()`, so it may use nothing from this module): renders
 * GraphiQL, keeps the current tab's query, variables and headers from GraphiQL's callbacks, and wires
 * the bar. Typed loosely: the gateway compiles without the DOM library.
 */
// biome-ignore lint/suspicious/noExplicitAny: browser globals, see above
function analystPage(options: Record<string, any>, page: PageConfig): void {
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
