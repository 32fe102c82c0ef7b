import { mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import FigureCard from '../FigureCard.vue';

describe('FigureCard', () => {
  it('shows the label, the raw number and the unit', () => {
    const wrapper = mount(FigureCard, {
      props: { label: '社会组织', unit: '个', value: 1234567, testId: 'figure-organizations' },
    });
    const number = wrapper.get('[data-testid="figure-organizations"]');
    expect(number.text()).toBe('1234567');
    expect(number.attributes('data-value')).toBe('1234567');
    expect(wrapper.get('h2').text()).toBe('社会组织');
    expect(wrapper.text()).toContain('个');
  });

  it('shows a dash and no data-value before the first figure', () => {
    const wrapper = mount(FigureCard, {
      props: { label: '正式党员', unit: '名', value: null, testId: 'figure-full-members' },
    });
    const number = wrapper.get('[data-testid="figure-full-members"]');
    expect(number.text()).toBe('—');
    expect(number.attributes('data-value')).toBeUndefined();
  });

  it('shows zero as a number', () => {
    const wrapper = mount(FigureCard, { props: { label: '正式党员', unit: '名', value: 0, testId: 'n' } });
    expect(wrapper.get('[data-testid="n"]').attributes('data-value')).toBe('0');
    expect(wrapper.get('[data-testid="n"]').text()).toBe('0');
  });

  it('follows a new value: data-value at once, the number rolling to it', async () => {
    vi.useFakeTimers();
    const wrapper = mount(FigureCard, { props: { label: '社会组织', unit: '个', value: 100, testId: 'n' } });
    await wrapper.setProps({ value: 200 });
    expect(wrapper.get('[data-testid="n"]').attributes('data-value')).toBe('200');
    await vi.advanceTimersByTimeAsync(400);
    const midway = Number(wrapper.get('[data-testid="n"]').text());
    expect(midway).toBeGreaterThan(100);
    expect(midway).toBeLessThan(200);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(wrapper.get('[data-testid="n"]').text()).toBe('200');
    wrapper.unmount();
    expect(vi.getTimerCount()).toBe(0);
    vi.useRealTimers();
  });

  it('writes a rate with its format and a detail line', () => {
    const wrapper = mount(FigureCard, {
      props: {
        label: '组织覆盖率',
        unit: '%',
        value: 0.875,
        testId: 'r',
        format: (v: number) => (v * 100).toFixed(1),
        detail: '已覆盖 7 个',
      },
    });
    expect(wrapper.get('[data-testid="r"]').text()).toBe('87.5');
    expect(wrapper.get('[data-testid="r"]').attributes('data-value')).toBe('0.875');
    expect(wrapper.text()).toContain('已覆盖 7 个');
  });
});
