import { mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createWallStore, type WallStore, wallStoreKey } from '@/stores/useWallStore';
import WallView from '../WallView.vue';

function mountWall(store: WallStore) {
  return mount(WallView, { global: { provide: { [wallStoreKey as symbol]: store } } });
}

describe('WallView', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('renders both figures and the live state from the store', () => {
    const store = createWallStore();
    store.applyOrganizations('7', 182345);
    store.applyFullMembers('3', 964210);
    store.connected();
    store.snapshotApplied();

    const wrapper = mountWall(store);

    expect(wrapper.get('h1').text()).toBe('网络社会组织党建 · 实时大屏');
    expect(wrapper.get('[data-testid="wall-scope"]').text()).toBe('全国');
    expect(wrapper.get('[data-testid="figure-organizations"]').text()).toBe('182345');
    expect(wrapper.get('[data-testid="figure-full-members"]').text()).toBe('964210');
    expect(wrapper.get('[data-testid="connection-state"]').attributes('data-state')).toBe('live');
    expect(wrapper.get('[data-testid="connection-state"]').text()).toBe('实时');
  });

  it('follows store updates: newer versions show, older ones do not', async () => {
    const store = createWallStore();
    store.applyOrganizations('7', 100);
    const wrapper = mountWall(store);

    store.applyOrganizations('8', 101);
    await wrapper.vm.$nextTick();
    expect(wrapper.get('[data-testid="figure-organizations"]').text()).toBe('101');

    store.applyOrganizations('6', 99);
    await wrapper.vm.$nextTick();
    expect(wrapper.get('[data-testid="figure-organizations"]').attributes('data-value')).toBe('101');
  });

  it('turns stale on its own clock and shows the age of the data', async () => {
    const store = createWallStore();
    store.applyOrganizations('1', 10);
    store.applyFullMembers('1', 20);
    store.connected();
    store.snapshotApplied();
    const wrapper = mountWall(store);

    store.disconnected();
    await wrapper.vm.$nextTick();
    expect(wrapper.get('[data-testid="connection-state"]').attributes('data-state')).toBe('reconnecting');
    expect(wrapper.get('[data-testid="connection-state"]').text()).toBe('重连中');

    await vi.advanceTimersByTimeAsync(12_000);
    const status = wrapper.get('[data-testid="connection-state"]');
    expect(status.attributes('data-state')).toBe('stale');
    expect(status.text()).toContain('数据已过时');
    expect(wrapper.get('[data-testid="connection-age"]').text()).toBe('12 秒前');
    // the last figures stay on screen
    expect(wrapper.get('[data-testid="figure-full-members"]').text()).toBe('20');
  });

  it('names the region it shows', () => {
    const wrapper = mountWall(createWallStore({ regionCode: '320000' }));
    expect(wrapper.get('[data-testid="wall-scope"]').text()).toBe('行政区划 320000');
    expect(wrapper.get('[data-testid="figure-organizations"]').text()).toBe('—');
  });

  it('stops its clock when unmounted', () => {
    const wrapper = mountWall(createWallStore());
    expect(vi.getTimerCount()).toBe(1);
    wrapper.unmount();
    expect(vi.getTimerCount()).toBe(0);
  });
});
