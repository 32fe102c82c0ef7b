import { mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeWall, settle } from '@/__tests__/fakeWall';
import { answers } from '@/__tests__/fixtures';
import AlertsPanel from '../AlertsPanel.vue';
import FundingPanel from '../FundingPanel.vue';
import RankingPanel from '../RankingPanel.vue';
import StagesPanel from '../StagesPanel.vue';

const keys = (wrapper: ReturnType<typeof mount>, list: string) =>
  wrapper.findAll(`[data-testid="${list}"] li`).map((li) => li.attributes('data-key'));

describe('RankingPanel', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('ranks child regions by coverage and by 三会一课 compliance', async () => {
    const wall = createFakeWall({ answers, params: { regionCode: '330000' } });
    const wrapper = mount(RankingPanel, { global: wall.global() });
    await settle();
    expect(keys(wrapper, 'ranking-coverage')).toEqual(['330100', '330300', '330200']);
    expect(keys(wrapper, 'ranking-compliance')).toEqual(['330200', '330100']);
    expect(wrapper.get('[data-testid="ranking-coverage"]').text()).toContain('杭州市');
    expect(wrapper.get('[data-testid="ranking-coverage"]').text()).toContain('91.0%');
  });

  it('keeps the coverage ranking when compliance is missing, and reads again when coverage moves', async () => {
    const { ActivityByRegion: _missing, ...rest } = answers;
    const wall = createFakeWall({ answers: rest, params: { regionCode: '330000' } });
    const wrapper = mount(RankingPanel, { props: { limit: 2 }, global: wall.global() });
    await settle();
    expect(keys(wrapper, 'ranking-coverage')).toEqual(['330100', '330300']);
    expect(wrapper.find('[data-testid="ranking-compliance"]').exists()).toBe(false);
    expect(wrapper.text()).toContain('暂无数据');

    const reads = wall.queries.filter((q) => q.name === 'CoverageByRegion').length;
    wall.emit('CoverageStatsChanged', { coverageStatsChanged: { version: '99', organizations: 1 } });
    await vi.advanceTimersByTimeAsync(2_500);
    expect(wall.queries.filter((q) => q.name === 'CoverageByRegion').length).toBe(reads + 1);
  });
});

describe('StagesPanel', () => {
  it('lists members by stage in development order and follows the stream', async () => {
    const wall = createFakeWall({ answers });
    const wrapper = mount(StagesPanel, { global: wall.global() });
    await settle();
    expect(keys(wrapper, 'stages-list')).toEqual([
      'APPLICANT',
      'ACTIVIST',
      'CANDIDATE',
      'PROBATIONARY',
      'FULL',
    ]);
    expect(wrapper.text()).toContain('入党积极分子');
    expect(wrapper.get('[data-testid="stages-year"]').text()).toBe('2026 年发展党员 120 名 · 转正 98 名');

    wall.emit('MemberStatsChanged', {
      memberStatsChanged: {
        version: '8',
        byStage: [{ stage: 'FULL', count: 5001 }],
        year: 2026,
        developedThisYear: 121,
        convertedThisYear: 98,
      },
    });
    await settle();
    expect(wrapper.get('[data-testid="stages-list"]').text()).toContain('5,001');
  });
});

describe('FundingPanel', () => {
  it('shows this year by source, largest first, in 万元', async () => {
    const wall = createFakeWall({ answers });
    const wrapper = mount(FundingPanel, { global: wall.global() });
    await settle();
    expect(keys(wrapper, 'funding-list')).toEqual(['SOCIAL_CONSTRUCTION_FUND', 'DUES_ALLOCATION']);
    expect(wrapper.get('[data-testid="funding-list"]').text()).toContain('社会建设专项资金');
    expect(wrapper.get('[data-testid="funding-total"]').text()).toBe('合计 350.0 万元');
    expect(wall.queries.find((q) => q.name === 'FundingBySource')?.variables).toEqual({ regionCode: null });
  });

  it('applies a newer figure from its stream and ignores an older one', async () => {
    const wall = createFakeWall({ answers });
    const wrapper = mount(FundingPanel, { global: wall.global() });
    await settle();
    const figure = (version: string, yuan: number) => ({
      fundingStatsChanged: {
        version,
        year: 2026,
        totalFen: String(yuan * 100),
        bySource: [{ source: 'PROJECT', amountFen: String(yuan * 100) }],
      },
    });
    wall.emit('FundingStatsChanged', figure('9', 4_000_000));
    await settle();
    expect(wrapper.get('[data-testid="funding-total"]').text()).toBe('合计 400.0 万元');
    wall.emit('FundingStatsChanged', figure('3', 1_000_000));
    await settle();
    expect(wrapper.get('[data-testid="funding-total"]').text()).toBe('合计 400.0 万元');
  });

  it('says 暂无数据 without fundingStats', async () => {
    const wall = createFakeWall({ answers: {} });
    const wrapper = mount(FundingPanel, { global: wall.global() });
    await settle();
    expect(wrapper.get('[data-testid="panel-funding"]').attributes('data-status')).toBe('empty');
    expect(wrapper.text()).toContain('暂无数据');
  });
});

describe('AlertsPanel', () => {
  it("shows the server's count of every kind and its total, and the top items, red first", async () => {
    const wall = createFakeWall({ answers });
    const wrapper = mount(AlertsPanel, { global: wall.global() });
    await settle();
    const coverage = wrapper.get('[data-testid="alerts-coverage"]');
    // the served counts, not a count of the three items listed
    expect(coverage.get('[data-kind="BLANK_SPOT"]').attributes('data-value')).toBe('60');
    expect(coverage.get('[data-kind="ELIGIBLE_NOT_ESTABLISHED"]').attributes('data-value')).toBe('40');
    expect(coverage.get('[data-kind="ELIGIBLE_NOT_ESTABLISHED"]').text()).toContain('应建未建');
    expect(coverage.get('[data-kind="CHARTER_CLAUSE_MISSING"]').attributes('data-value')).toBe('50');
    expect(coverage.find('.alerts__total').attributes('data-value')).toBe('157');
    expect(coverage.findAll('.alerts__top li')[0]?.text()).toContain('某直播行业协会');
    const work = wrapper.get('[data-testid="alerts-work"]');
    // the work counts are the exact ones, not a count of the one branch listed
    expect(work.get('[data-kind="COMPLIANCE_BEHIND_PACE"]').attributes('data-value')).toBe('640');
    expect(work.get('[data-kind="COMPLIANCE_BEHIND_PACE"]').text()).toContain('三会一课滞后');
    expect(work.find('.alerts__total').attributes('data-value')).toBe('652');
    expect(work.findAll('.alerts__top li')[0]?.text()).toContain('某协会党支部');
  });

  it('shows the work alerts when the coverage alerts are missing', async () => {
    const { CoverageAlerts: _missing, ...rest } = answers;
    const wall = createFakeWall({ answers: rest });
    const wrapper = mount(AlertsPanel, { global: wall.global() });
    await settle();
    expect(wrapper.find('[data-testid="alerts-coverage"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="alerts-work"] .alerts__total').attributes('data-value')).toBe('652');
  });

  it('shows the coverage alerts when work alerts are missing', async () => {
    const { WorkAlerts: _missing, ...rest } = answers;
    const wall = createFakeWall({ answers: rest });
    const wrapper = mount(AlertsPanel, { global: wall.global() });
    await settle();
    expect(wrapper.find('[data-testid="alerts-coverage"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="alerts-work"]').exists()).toBe(false);
  });
});
