import { mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import WallChart from '../WallChart.vue';

/** every option the canvas was given, in order */
const updates = vi.hoisted(() => [] as Array<Record<string, unknown>>);
/** the drawn chart's size in whole pixels, and its resizes */
const drawn = vi.hoisted(() => ({ width: 412, height: 300, resizes: 0 }));
vi.mock('vue-echarts', async () => {
  const { defineComponent, h } = await import('vue');
  return {
    default: defineComponent({
      props: { option: { type: Object, required: true }, initOptions: Object },
      setup(props, { expose }) {
        expose({
          getWidth: () => drawn.width,
          getHeight: () => drawn.height,
          resize: () => {
            drawn.resizes += 1;
          },
        });
        return () => {
          updates.push(props.option as Record<string, unknown>);
          return h('div');
        };
      },
    }),
  };
});

describe('WallChart', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    updates.length = 0;
  });
  afterEach(() => vi.useRealTimers());

  it('passes options on at most every 400 ms and without animation under load', async () => {
    const wrapper = mount(WallChart, { props: { option: { n: 0 } } });
    // the canvas is in a chunk of its own, loaded when the first chart mounts
    await vi.dynamicImportSettled();
    // Vue's development build sets a timer on its first mount; let it pass
    await vi.advanceTimersByTimeAsync(5_000);
    for (let n = 1; n <= 40; n++) {
      await wrapper.setProps({ option: { n } });
      await vi.advanceTimersByTimeAsync(50);
    }
    await vi.advanceTimersByTimeAsync(400);
    // 40 changes over two seconds: a handful of redraws, the last with the latest option
    expect(updates.length).toBeLessThanOrEqual(8);
    expect(updates.at(-1)).toMatchObject({ n: 40, animation: false });
    // a redraw still waiting when the chart goes is dropped with it
    await wrapper.setProps({ option: { n: 41 } });
    wrapper.unmount();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('animates a change that comes alone', async () => {
    const wrapper = mount(WallChart, { props: { option: { n: 0 } } });
    await vi.dynamicImportSettled();
    await wrapper.setProps({ option: { n: 1 } });
    await vi.advanceTimersByTimeAsync(500);
    expect(updates.at(-1)).toMatchObject({ n: 1, animation: true });
  });

  it('lays the chart out again only when its box changes by a whole pixel', async () => {
    const observers: Array<(entries: unknown[]) => void> = [];
    vi.stubGlobal(
      'ResizeObserver',
      class {
        constructor(callback: (entries: unknown[]) => void) {
          observers.push(callback);
        }
        observe() {}
        disconnect() {}
      },
    );
    try {
      drawn.resizes = 0;
      const wrapper = mount(WallChart, { props: { option: { n: 0 } } });
      await vi.dynamicImportSettled();
      const observed = (width: number, height: number) =>
        observers.at(-1)?.([{ contentRect: { width, height } }]);
      // a grid's fractional box, drawn at whole pixels: the same size
      observed(412.5, 300.25);
      expect(drawn.resizes).toBe(0);
      observed(520, 300);
      expect(drawn.resizes).toBe(1);
      wrapper.unmount();
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
