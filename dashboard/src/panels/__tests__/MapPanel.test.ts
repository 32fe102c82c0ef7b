import { mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChartStub, createFakeWall, settle } from '@/__tests__/fakeWall';
import { answers } from '@/__tests__/fixtures';
import MapPanel from '../MapPanel.vue';

const loadMap = vi.fn((code: string | null) =>
  Promise.resolve(
    code === null
      ? {
          name: 'cn-china',
          codes: new Map([
            ['浙江', '330000'],
            ['江苏', '320000'],
          ]),
        }
      : {
          name: 'cn-33',
          codes: new Map([
            ['杭州市', '330100'],
            ['宁波市', '330200'],
            ['温州市', '330300'],
            ['湖州市', '330500'],
          ]),
        },
  ),
);
vi.mock('@/charts/geo', () => ({ loadMap: (code: string | null) => loadMap(code) }));

interface MapSeries {
  map: string;
  data: Array<{ name: string; code: string; value: number | null }>;
}
const series = (wrapper: ReturnType<typeof mount>) =>
  (wrapper.findComponent(ChartStub).props('option') as { series: MapSeries[] }).series[0]!;

describe('MapPanel', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  async function mountMap(params = {}) {
    const wall = createFakeWall({ answers, params: { regionCode: '330000', ...params } });
    const wrapper = mount(MapPanel, { global: wall.global() });
    // the map data arrives (a chunk and a fetch of their own)
    await vi.advanceTimersByTimeAsync(50);
    await settle();
    return { wall, wrapper };
  }

  it('shades each city by the chosen rate once the map data is in', async () => {
    const { wrapper } = await mountMap();
    expect(wrapper.get('[data-testid="panel-map"]').attributes('data-status')).toBe('ready');
    expect(loadMap).toHaveBeenCalledWith('330000');
    const map = series(wrapper);
    expect(map.map).toBe('cn-33');
    expect(map.data.find((d) => d.code === '330100')?.value).toBe(91);
    // a city without statistics is drawn without a value
    expect(map.data.find((d) => d.code === '330500')?.value).toBeNull();

    await wrapper.get('[data-testid="map-rate-standaloneRate"]').trigger('click');
    expect(series(wrapper).data.find((d) => d.code === '330100')?.value).toBe(45.5);
  });

  it('drills into a province on click and back up', async () => {
    const { wall, wrapper } = await mountMap({ regionCode: null });
    expect(series(wrapper).map).toBe('cn-china');
    wrapper.findComponent(ChartStub).vm.$emit('click', { data: { code: '330000' } });
    expect(wall.navigation.current.value).toBe('330000');
    await vi.advanceTimersByTimeAsync(50);
    await settle();
    expect(series(wrapper).map).toBe('cn-33');
    expect(wall.queries.filter((q) => q.name === 'CoverageByRegion').at(-1)?.variables).toEqual({
      regionCode: '330000',
    });
    wall.navigation.up();
    expect(wall.navigation.current.value).toBeNull();
  });

  it('hides the rate buttons in kiosk mode', async () => {
    const { wrapper } = await mountMap({ kiosk: true });
    expect(wrapper.find('[data-testid^="map-rate-"]').exists()).toBe(false);
  });

  it('says 暂无数据 when coverage by region is missing', async () => {
    const { CoverageByRegion: _missing, ...rest } = answers;
    const wall = createFakeWall({ answers: rest, params: { regionCode: '330000' } });
    const wrapper = mount(MapPanel, { global: wall.global() });
    await vi.advanceTimersByTimeAsync(50);
    await settle();
    expect(wrapper.get('[data-testid="panel-map"]').attributes('data-status')).toBe('empty');
    expect(wrapper.text()).toContain('暂无数据');
  });

  it('shows a city within its province, picked out, and moves to a sibling city on click', async () => {
    const { wall, wrapper } = await mountMap();
    wrapper.findComponent(ChartStub).vm.$emit('click', { data: { code: '330100' } });
    expect(wall.navigation.current.value).toBe('330100');
    await vi.advanceTimersByTimeAsync(50);
    await settle();
    expect(wrapper.get('[data-testid="panel-map"]').attributes('data-status')).toBe('ready');
    const city = series(wrapper).data.find((d) => d.code === '330100') as { itemStyle?: unknown } | undefined;
    expect(city?.itemStyle).toBeTruthy();
    expect(series(wrapper).map).toBe('cn-33');

    wrapper.findComponent(ChartStub).vm.$emit('click', { data: { code: '330200' } });
    expect(wall.navigation.current.value).toBe('330200');
    wall.navigation.up();
    expect(wall.navigation.current.value).toBe('330000');
  });

  it('never leaves a city fixed by ?region=', async () => {
    const { wall, wrapper } = await mountMap({ regionCode: '330100' });
    wrapper.findComponent(ChartStub).vm.$emit('click', { data: { code: '330200' } });
    expect(wall.navigation.current.value).toBe('330100');
  });
});
