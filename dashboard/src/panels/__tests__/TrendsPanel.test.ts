import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { ChartStub, createFakeWall, settle } from '@/__tests__/fakeWall';
import { answers, coverageTrend } from '@/__tests__/fixtures';
import TrendsPanel from '../TrendsPanel.vue';

type Option = { xAxis: { data: string[] }; series: Array<{ name?: string; data: unknown[] }> };
const options = (wrapper: ReturnType<typeof mount>) =>
  wrapper.findAllComponents(ChartStub).map((c) => c.props('option') as Option);

describe('TrendsPanel', () => {
  it('draws registrations against new coverage by month, activities by type and online against offline by week', async () => {
    const wall = createFakeWall({ answers });
    const wrapper = mount(TrendsPanel, { global: wall.global() });
    await settle();
    const charts = options(wrapper);
    expect(charts).toHaveLength(3);
    // the twelve months the figure carries, by number
    expect(charts[0]?.xAxis.data).toEqual(['12', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11']);
    expect(charts[0]?.series.map((s) => s.name)).toEqual(['新登记', '新覆盖']);
    expect(charts[0]?.series[0]?.data).toEqual([3, 5, 2, 7, 4, 6, 8, 1, 0, 9, 5, 6]);
    expect(charts[0]?.series[1]?.data).toEqual([2, 4, 1, 6, 3, 5, 7, 0, 0, 8, 4, 5]);
    expect(charts[1]?.series[0]?.data).toEqual([120, 30, 40]);
    // online against offline, week by week, the last six weeks of the quarter
    expect(charts[2]?.xAxis.data).toEqual(['10/19', '10/26', '11/2', '11/9', '11/16', '11/23']);
    expect(charts[2]?.series.map((s) => s.data)).toEqual([
      [6, 10, 10, 20, 20, 14],
      [24, 30, 40, 40, 50, 56],
    ]);
  });

  it('moves the registration trend with a newer coverage figure and ignores an older one', async () => {
    const wall = createFakeWall({ answers });
    const wrapper = mount(TrendsPanel, { global: wall.global() });
    await settle();
    const byMonth = coverageTrend.byMonth.map((m, i) => (i === 11 ? { ...m, registered: 7 } : m));
    wall.emit('CoverageStatsChanged', { coverageStatsChanged: { version: '11', byMonth } });
    wall.emit('CoverageStatsChanged', {
      coverageStatsChanged: { version: '9', byMonth: byMonth.map((m) => ({ ...m, registered: 0 })) },
    });
    await settle();
    expect(options(wrapper)[0]?.series[0]?.data.at(-1)).toBe(7);
  });

  it('empties only the part whose field is missing', async () => {
    const { CoverageTrend: _missing, ...rest } = answers;
    const wall = createFakeWall({ answers: rest });
    const wrapper = mount(TrendsPanel, { global: wall.global() });
    await settle();
    expect(wrapper.get('[data-testid="trend-registrations"]').text()).toContain('暂无数据');
    expect(wrapper.get('[data-testid="trend-activity-types"]').attributes('data-status')).toBe('ready');
    expect(wrapper.findAllComponents(ChartStub)).toHaveLength(2);
  });
});
