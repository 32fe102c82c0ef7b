import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { ChartStub, createFakeWall, settle } from '@/__tests__/fakeWall';
import { answers } from '@/__tests__/fixtures';
import TrendsPanel from '../TrendsPanel.vue';

type Option = { series: Array<{ data: unknown[] }> };

describe('TrendsPanel', () => {
  it('draws registrations by month, activities by type and the online share', async () => {
    const wall = createFakeWall({ answers });
    const wrapper = mount(TrendsPanel, { props: { now: new Date(2026, 10, 27) }, global: wall.global() });
    await settle();
    const charts = wrapper.findAllComponents(ChartStub).map((c) => c.props('option') as Option);
    expect(charts).toHaveLength(3);
    expect(charts[0]?.series[0]?.data).toEqual([3, 5, 2, 7, 4, 6]);
    expect(charts[1]?.series[0]?.data).toEqual([120, 30, 40]);
    expect(charts[2]?.series[0]?.data).toMatchObject([{ value: 80 }, { value: 240 }]);
    const months = wall.queries.find((q) => q.name === 'RegistrationsByMonth')?.variables;
    expect(months).toMatchObject({
      from0: '2026-06-01',
      to0: '2026-06-30',
      from5: '2026-11-01',
      to5: '2026-11-30',
    });
  });

  it('empties only the part whose field is missing', async () => {
    const { RegistrationsByMonth: _missing, ...rest } = answers;
    const wall = createFakeWall({ answers: rest });
    const wrapper = mount(TrendsPanel, { global: wall.global() });
    await settle();
    expect(wrapper.get('[data-testid="trend-registrations"]').text()).toContain('暂无数据');
    expect(wrapper.get('[data-testid="trend-activity-types"]').attributes('data-status')).toBe('ready');
    expect(wrapper.findAllComponents(ChartStub)).toHaveLength(2);
  });
});
