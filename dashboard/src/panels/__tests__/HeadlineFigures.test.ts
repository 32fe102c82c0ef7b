import { mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeWall, settle } from '@/__tests__/fakeWall';
import { answers, coverageFigures } from '@/__tests__/fixtures';
import HeadlineFigures from '../HeadlineFigures.vue';

const value = (wrapper: ReturnType<typeof mount>, id: string) =>
  wrapper.get(`[data-testid="${id}"]`).attributes('data-value');
const organizations = (version: string, count: number) => ({
  coverageStatsChanged: { ...coverageFigures, version, organizations: count, byMonth: [] },
});
const members = (version: string, fullMembers: number) => ({
  memberStatsChanged: {
    version,
    fullMembers,
    byStage: [],
    year: 2026,
    developedThisYear: 0,
    convertedThisYear: 0,
  },
});

describe('HeadlineFigures', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('shows every figure, each rate with its count beside it', async () => {
    const wall = createFakeWall({ answers });
    const wrapper = mount(HeadlineFigures, { global: wall.global() });
    await settle();

    expect(value(wrapper, 'figure-organizations')).toBe('1200');
    expect(value(wrapper, 'figure-full-members')).toBe('5000');
    expect(value(wrapper, 'figure-party-organizations')).toBe('610');
    expect(value(wrapper, 'figure-organization-coverage')).toBe('0.85');
    expect(wrapper.get('[data-testid="figure-organization-coverage"]').text()).toBe('85.0');
    expect(wrapper.get('[data-testid="figure-organization-coverage-card"]').text()).toContain(
      '已覆盖 1020 个',
    );
    expect(value(wrapper, 'figure-work-coverage')).toBe('0.95');
    expect(wrapper.get('[data-testid="figure-eligible-coverage-card"]').text()).toContain('360 / 400 个');
    expect(value(wrapper, 'figure-compliance')).toBe('0.876');
    expect(wrapper.get('[data-testid="figure-compliance-card"]').text()).toContain('Q4 · 达标');
    expect(wrapper.get('[data-testid="figure-compliance-card"]').text()).toContain('达标 41/50 支部');
  });

  it('applies a newer figure from the stream, rolls to it, and ignores an older one', async () => {
    const wall = createFakeWall({ answers });
    const wrapper = mount(HeadlineFigures, { global: wall.global() });
    await settle();

    wall.emit('CoverageStatsChanged', {
      coverageStatsChanged: {
        ...organizations('11', 1201).coverageStatsChanged,
        organizationCoverageRate: 0.9,
        partyCovered: 1080,
      },
    });
    await settle();
    expect(value(wrapper, 'figure-organization-coverage')).toBe('0.9');
    expect(value(wrapper, 'figure-organizations')).toBe('1201');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(wrapper.get('[data-testid="figure-organization-coverage"]').text()).toBe('90.0');

    wall.emit('CoverageStatsChanged', {
      coverageStatsChanged: { ...organizations('9', 1).coverageStatsChanged, organizationCoverageRate: 0.1 },
    });
    await settle();
    expect(value(wrapper, 'figure-organization-coverage')).toBe('0.9');
    expect(value(wrapper, 'figure-organizations')).toBe('1201');
  });

  it('compares versions as integers, beyond what a double holds', async () => {
    const wall = createFakeWall({ answers });
    const wrapper = mount(HeadlineFigures, { global: wall.global() });
    await settle();
    wall.emit('MemberStatsChanged', members('9', 1));
    wall.emit('MemberStatsChanged', members('10', 2)); // "10" < "9" as strings
    await settle();
    expect(value(wrapper, 'figure-full-members')).toBe('2');
    wall.emit('MemberStatsChanged', members('9007199254740993', 3));
    // equal to the previous one once rounded to a double, but older
    wall.emit('MemberStatsChanged', members('9007199254740992', 4));
    await settle();
    expect(value(wrapper, 'figure-full-members')).toBe('3');
  });

  it('never lets a late snapshot take the figure back', async () => {
    let answer = { memberStats: { version: '20', fullMembers: 3000 } };
    const wall = createFakeWall({ answers: { ...answers, MemberFigures: () => answer } });
    const wrapper = mount(HeadlineFigures, { global: wall.global() });
    await settle();
    wall.emit('MemberStatsChanged', members('25', 3100));
    // the settle read after the socket came up answers with data older than the event shown
    answer = { memberStats: { version: '24', fullMembers: 3050 } };
    wall.connect();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(value(wrapper, 'figure-full-members')).toBe('3100');
  });

  it('leaves only the cards whose query fails empty, saying 暂无数据', async () => {
    const { CoverageFigures: _missing, ...rest } = answers;
    const wall = createFakeWall({ answers: rest });
    const wrapper = mount(HeadlineFigures, { global: wall.global() });
    await settle();

    expect(wrapper.get('[data-testid="figure-organization-coverage"]').text()).toBe('暂无数据');
    expect(wrapper.get('[data-testid="figure-work-coverage"]').text()).toBe('暂无数据');
    expect(value(wrapper, 'figure-organizations')).toBe('1200');
    expect(value(wrapper, 'figure-compliance')).toBe('0.876');

    // the field arrives with the next deploy: the card fills without a reload
    wall.answer('CoverageFigures', { coverageStats: coverageFigures });
    await vi.advanceTimersByTimeAsync(2_000);
    await settle();
    expect(value(wrapper, 'figure-organization-coverage')).toBe('0.85');
  });

  it('follows each stream once, however many of its figures come from it', async () => {
    const wall = createFakeWall({ answers });
    const wrapper = mount(HeadlineFigures, { global: wall.global() });
    await settle();
    expect(wall.openStreams('CoverageStatsChanged')).toBe(1);
    expect(wall.openStreams('MemberStatsChanged')).toBe(1);
    expect(wall.openStreams('ActivityStatsChanged')).toBe(1);
    wrapper.unmount();
    expect(wall.openStreams('CoverageStatsChanged')).toBe(0);
  });
});
