import { existsSync } from 'node:fs';
import { Kind, type OperationDefinitionNode, parse } from 'graphql';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's Chromium (never a downloaded build); the flags keep it off the network it cannot reach. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is not at ${CHROMIUM_PATH}: apt-get install chromium fonts-wqy-microhei (or set CHROMIUM_PATH)`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/** How one region is drawn on the wall's map. */
export interface MapRegionPaint {
  /** the feature's name on the map, e.g. 浙江 */
  name: string;
  /** the value it is shaded by (a rate in percent), null when it has no data */
  value: number | null;
  /** the colour ECharts gave it, as `rgb(r, g, b)` */
  colour: string;
  /** the colour of the canvas pixel at the region's centre, as `rgb(r, g, b)` */
  pixel: string;
}

/**
 * Reads the map panel's chart: for each region code asked, the colour it should have and the colour
 * actually on the canvas at its centre. The ECharts instance is found through the Vue component tree
 * (vue-echarts exposes it), so the wall carries no hook for tests.
 */
export async function mapRegionPaint(page: Page, codes: string[]): Promise<Record<string, MapRegionPaint>> {
  return page.evaluate((wanted) => {
    type Chart = {
      getOption(): { series: Array<{ data: Array<{ name: string; code: string; value: number | null }> }> };
      getVisual(finder: { seriesIndex: number; dataIndex: number }, visual: string): unknown;
      convertToPixel(finder: { seriesIndex: number }, value: string): [number, number] | undefined;
      getDom(): HTMLElement;
    };
    type VNode = {
      component?: { exposed?: { chart?: Chart }; subTree: VNode };
      children?: unknown;
      el?: Node;
    };
    const panel = document.querySelector('[data-testid="panel-map"]');
    const root = (document.querySelector('#app') as unknown as { _vnode?: VNode } | null)?._vnode;
    if (!panel || !root) throw new Error('no map panel, or the wall is not mounted');
    let chart: Chart | undefined;
    for (const stack: VNode[] = [root]; stack.length > 0 && !chart; ) {
      const vnode = stack.pop();
      if (!vnode || typeof vnode !== 'object') continue;
      const component = vnode.component;
      if (component) {
        const candidate = component.exposed?.chart;
        if (candidate && panel.contains(candidate.getDom())) chart = candidate;
        stack.push(component.subTree);
      }
      if (Array.isArray(vnode.children)) stack.push(...(vnode.children as VNode[]));
    }
    if (!chart) throw new Error('the map panel has no chart yet');
    const canvas = chart.getDom().querySelector('canvas');
    if (!canvas) throw new Error('the map chart has no canvas');
    const ratio = canvas.width / canvas.clientWidth;
    const context = canvas.getContext('2d');
    const rgb = (r: number, g: number, b: number) => `rgb(${r}, ${g}, ${b})`;
    const normalize = (colour: unknown) => {
      const probe = document.createElement('canvas').getContext('2d')!;
      probe.fillStyle = String(colour);
      const hex = probe.fillStyle; // #rrggbb for an opaque colour
      return /^#[0-9a-f]{6}$/i.test(hex)
        ? rgb(
            Number.parseInt(hex.slice(1, 3), 16),
            Number.parseInt(hex.slice(3, 5), 16),
            Number.parseInt(hex.slice(5, 7), 16),
          )
        : hex;
    };
    const data = chart.getOption().series[0]?.data ?? [];
    const result: Record<string, MapRegionPaint> = {};
    for (const code of wanted) {
      const dataIndex = data.findIndex((d) => d.code === code);
      const item = data[dataIndex];
      if (!item) throw new Error(`region ${code} is not on the map`);
      const [x, y] = chart.convertToPixel({ seriesIndex: 0 }, item.name) ?? [Number.NaN, Number.NaN];
      const [r, g, b] = context?.getImageData(Math.round(x * ratio), Math.round(y * ratio), 1, 1).data ?? [];
      result[code] = {
        name: item.name,
        value: item.value ?? null,
        colour: normalize(chart.getVisual({ seriesIndex: 0, dataIndex }, 'color')),
        pixel: rgb(r ?? 0, g ?? 0, b ?? 0),
      };
    }
    return result;
  }, codes);
}

/** One graphql-ws `subscribe` message a page sent: the stream (root field) and its variables. */
export interface SentSubscription {
  /** the root field subscribed to, e.g. `coverageStatsChanged` */
  field: string;
  variables: Record<string, unknown>;
  /** field and variables together: one stream of one scope */
  stream: string;
}

/**
 * Records every graphql-ws `subscribe` message `page` sends from now on, over any of its sockets; the
 * array fills as they go. Attach before `goto`, so the ones sent as the page opens are counted.
 */
export function recordSubscriptions(page: Page): SentSubscription[] {
  const sent: SentSubscription[] = [];
  page.on('websocket', (socket) => {
    socket.on('framesent', ({ payload }) => {
      if (typeof payload !== 'string') return;
      const message = JSON.parse(payload) as {
        type?: string;
        payload?: { query?: string; variables?: Record<string, unknown> };
      };
      if (message.type !== 'subscribe' || !message.payload?.query) return;
      const variables = message.payload.variables ?? {};
      for (const field of rootFields(message.payload.query)) {
        sent.push({ field, variables, stream: `${field}(${JSON.stringify(variables)})` });
      }
    });
  });
  return sent;
}

/** The root fields an operation selects (its fragments' own fields are not roots). */
export function rootFields(source: string): string[] {
  const operation = parse(source).definitions.find(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  return (operation?.selectionSet.selections ?? []).flatMap((selection) =>
    selection.kind === Kind.FIELD ? [selection.name.value] : [],
  );
}
