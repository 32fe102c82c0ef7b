import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import ConnectionStatus from '../ConnectionStatus.vue';

describe('ConnectionStatus', () => {
  it('says 实时 when live, without an age', () => {
    const wrapper = mount(ConnectionStatus, { props: { state: 'live', ageMs: 0 } });
    const status = wrapper.get('[data-testid="connection-state"]');
    expect(status.attributes('data-state')).toBe('live');
    expect(status.text()).toBe('实时');
  });

  it('says 重连中 while reconnecting', () => {
    const wrapper = mount(ConnectionStatus, { props: { state: 'reconnecting', ageMs: 4_000 } });
    const status = wrapper.get('[data-testid="connection-state"]');
    expect(status.attributes('data-state')).toBe('reconnecting');
    expect(status.text()).toBe('重连中');
  });

  it('says 数据已过时 with the age of the data when stale', () => {
    const wrapper = mount(ConnectionStatus, {
      props: { state: 'stale', ageMs: 75_000, problem: '连接已断开（1006）' },
    });
    const status = wrapper.get('[data-testid="connection-state"]');
    expect(status.attributes('data-state')).toBe('stale');
    expect(status.text()).toContain('数据已过时');
    expect(wrapper.get('[data-testid="connection-age"]').text()).toBe('1 分 15 秒前');
    expect(status.attributes('title')).toBe('连接已断开（1006）');
  });

  it('says there is no data yet when it never had any', () => {
    const wrapper = mount(ConnectionStatus, { props: { state: 'stale', ageMs: null } });
    expect(wrapper.get('[data-testid="connection-age"]').text()).toBe('尚未取得数据');
  });
});
