import { mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeWall, settle } from '@/__tests__/fakeWall';
import { answers } from '@/__tests__/fixtures';
import type { WallParams } from '@/config';
import { setLocale } from '@/i18n';
import WallView from '../WallView.vue';

vi.mock('@/charts/geo', () => ({
  loadMap: () => Promise.resolve({ name: 'cn-china', codes: new Map([['浙江', '330000']]) }),
}));

function mountWall(params: Partial<WallParams> = {}, withAnswers = answers) {
  const wall = createFakeWall({ answers: withAnswers, params });
  const wrapper = mount(WallView, { global: wall.global() });
  return { wall, wrapper };
}

const PANELS = [
  'panel-figures',
  'panel-map',
  'panel-ranking',
  'panel-trends',
  'panel-feed',
  'panel-alerts',
  'panel-stages',
  'panel-funding',
  'panel-team-building',
];

describe('WallView', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    setLocale('zh-CN');
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('renders both figures and turns live once they were read on a connected socket', async () => {
    const { wrapper, wall } = mountWall();
    await settle();
    expect(wrapper.get('[data-testid="connection-state"]').attributes('data-state')).toBe('reconnecting');
    wall.connect();
    await settle();

    expect(wrapper.get('h1').text()).toBe('网络社会组织党建 · 实时大屏');
    expect(wrapper.get('[data-testid="wall-scope"]').text()).toBe('全国');
    expect(wrapper.get('[data-testid="figure-organizations"]').text()).toBe('1200');
    expect(wrapper.get('[data-testid="figure-full-members"]').text()).toBe('5000');
    expect(wrapper.get('[data-testid="connection-state"]').attributes('data-state')).toBe('live');
    expect(wrapper.get('[data-testid="connection-state"]').text()).toBe('实时');
  });

  it('opens one subscription per stream, whichever panels follow it', async () => {
    const { wall } = mountWall();
    await settle();
    const streams = [
      'CoverageStatsChanged',
      'ActivityStatsChanged',
      'MemberStatsChanged',
      'FundingStatsChanged',
      'SecretaryStatsChanged',
      'TalkStatsChanged',
      'AppraisalStatsChanged',
      'TrainingStatsChanged',
      'ActivityFeed',
      'RegistrationFeed',
      'EstablishmentFeed',
    ];
    for (const name of streams) expect(wall.openStreams(name), name).toBe(1);
    expect(wall.context.streams.size).toBe(streams.length);
  });

  it('follows stream events: newer versions show, older ones do not', async () => {
    const { wrapper, wall } = mountWall();
    await settle();
    const organizations = (version: string, count: number) => ({
      coverageStatsChanged: { version, organizations: count },
    });

    wall.emit('CoverageStatsChanged', organizations('11', 1201));
    await wrapper.vm.$nextTick();
    expect(wrapper.get('[data-testid="figure-organizations"]').attributes('data-value')).toBe('1201');
    // the number rolls to its new value
    await vi.advanceTimersByTimeAsync(1_000);
    expect(wrapper.get('[data-testid="figure-organizations"]').text()).toBe('1201');

    wall.emit('CoverageStatsChanged', organizations('6', 99));
    await wrapper.vm.$nextTick();
    expect(wrapper.get('[data-testid="figure-organizations"]').attributes('data-value')).toBe('1201');
  });

  it('turns stale on its own clock and shows the age of the data', async () => {
    const { wrapper, wall } = mountWall();
    await settle();
    wall.connect();
    await settle();
    wall.close();
    await wrapper.vm.$nextTick();
    expect(wrapper.get('[data-testid="connection-state"]').attributes('data-state')).toBe('reconnecting');
    expect(wrapper.get('[data-testid="connection-state"]').text()).toBe('重连中');

    await vi.advanceTimersByTimeAsync(12_000);
    const status = wrapper.get('[data-testid="connection-state"]');
    expect(status.attributes('data-state')).toBe('stale');
    expect(status.text()).toContain('数据已过时');
    expect(wrapper.get('[data-testid="connection-age"]').text()).toBe('12 秒前');
    // the last figures stay on screen
    expect(wrapper.get('[data-testid="figure-full-members"]').text()).toBe('5000');
  });

  it('names the region it shows by its Chinese name (?region=)', async () => {
    const { wrapper, wall } = mountWall({ regionCode: '330000' });
    expect(wrapper.get('[data-testid="figure-organizations"]').text()).toBe('—');
    await settle();
    expect(wrapper.get('[data-testid="wall-scope"]').text()).toBe('浙江省');
    expect(wall.queries.find((q) => q.name === 'RegionTitle')?.variables).toEqual({ code: '330000' });
    // every panel asks about that region
    expect(wall.queries.find((q) => q.name === 'CoverageByRegion')?.variables).toEqual({
      regionCode: '330000',
    });
  });

  it('renders every panel, each findable by its data-testid', async () => {
    const { wrapper } = mountWall();
    await settle();
    for (const id of PANELS) expect(wrapper.find(`[data-testid="${id}"]`).exists(), id).toBe(true);
  });

  it('keeps the other panels when one panel’s query fails, and the whole wall when all do', async () => {
    const { OrganizationFigures, MemberFigures } = answers;
    const { wrapper } = mountWall(
      {},
      { OrganizationFigures: OrganizationFigures!, MemberFigures: MemberFigures! },
    );
    await settle();
    expect(wrapper.get('[data-testid="figure-organizations"]').attributes('data-value')).toBe('1200');
    for (const id of [
      'panel-ranking',
      'panel-stages',
      'panel-funding',
      'panel-alerts',
      'panel-trends',
      'panel-team-building',
    ]) {
      expect(wrapper.get(`[data-testid="${id}"]`).attributes('data-status'), id).toBe('empty');
      expect(wrapper.get(`[data-testid="${id}"]`).text()).toContain('暂无数据');
    }

    const { FundingBySource: _missing, ...rest } = answers;
    const second = mountWall({}, rest);
    await settle();
    expect(second.wrapper.get('[data-testid="panel-funding"]').attributes('data-status')).toBe('empty');
    expect(second.wrapper.get('[data-testid="panel-stages"]').attributes('data-status')).toBe('ready');
    expect(second.wrapper.get('[data-testid="panel-alerts"]').attributes('data-status')).toBe('ready');
  });

  it('switches to English and back with the language toggle', async () => {
    const { wrapper } = mountWall();
    await settle();
    await wrapper.get('[data-testid="language-toggle"]').trigger('click');
    expect(wrapper.get('h1').text()).toContain('Party Building');
    expect(wrapper.get('[data-testid="panel-stages"]').text()).toContain('Member development');
    expect(wrapper.get('[data-testid="wall-scope"]').text()).toBe('National');
    expect(wrapper.get('[data-testid="connection-state"]').text()).toBe('Reconnecting');
    expect(wrapper.get('[data-testid="language-toggle"]').text()).toBe('中文');
    await wrapper.get('[data-testid="language-toggle"]').trigger('click');
    expect(wrapper.get('h1').text()).toBe('网络社会组织党建 · 实时大屏');
  });

  it('hides the controls and the cursor in kiosk mode (?kiosk=1)', async () => {
    const { wrapper, wall } = mountWall({ kiosk: true });
    wall.navigation.drill('330000');
    await settle();
    expect(wrapper.find('[data-testid="language-toggle"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="region-up"]').exists()).toBe(false);
    expect(wrapper.find('.wall--kiosk').exists()).toBe(true);
  });

  it('offers the way back up after a drill, never above ?region=', async () => {
    const { wrapper, wall } = mountWall({ regionCode: '330000' });
    expect(wrapper.find('[data-testid="region-up"]').exists()).toBe(false);
    wall.navigation.drill('330100');
    await settle();
    expect(wrapper.get('[data-testid="wall-scope"]').attributes('data-region')).toBe('330100');
    await wrapper.get('[data-testid="region-up"]').trigger('click');
    expect(wall.navigation.current.value).toBe('330000');
    expect(wrapper.find('[data-testid="region-up"]').exists()).toBe(false);
  });

  it('cycles through the child regions every ?rotate= seconds and back to the root', async () => {
    const { wall, wrapper } = mountWall({ regionCode: '330000', rotateSeconds: 30 });
    await settle();
    expect(wall.navigation.current.value).toBe('330000');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(wall.navigation.current.value).toBe('330100');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(wall.navigation.current.value).toBe('330200');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(wall.navigation.current.value).toBe('330000');
    await settle();
    expect(wrapper.get('[data-testid="wall-scope"]').text()).toBe('浙江省');
  });

  it('re-reads every panel on a reconnect', async () => {
    const { wall } = mountWall();
    await settle();
    const before = wall.queries.filter((q) => q.name === 'MemberStages').length;
    wall.connect();
    await settle();
    expect(wall.queries.filter((q) => q.name === 'MemberStages').length).toBe(before + 1);
  });

  it('leaves no timer, socket listener or subscription behind when unmounted', async () => {
    const { wrapper, wall } = mountWall({ rotateSeconds: 30 });
    await settle();
    expect(vi.getTimerCount()).toBeGreaterThan(0);
    expect(wall.listenerCount()).toBeGreaterThan(0);
    wrapper.unmount();
    expect(vi.getTimerCount()).toBe(0);
    expect(wall.listenerCount()).toBe(0);
    for (const name of ['CoverageStatsChanged', 'ActivityFeed', 'MemberStatsChanged']) {
      expect(wall.openStreams(name), name).toBe(0);
    }
    expect(wall.context.streams.size).toBe(0);
  });
});
