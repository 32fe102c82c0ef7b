import { mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { createFakeWall, settle } from '@/__tests__/fakeWall';
import { MemberStagesDocument } from '@/graphql/generated/graphql';
import { usePanelQuery } from '../usePanelQuery';

const stages = (version: string, full: number) => ({
  memberStats: { version, byStage: [{ stage: 'FULL', count: full }] },
});

function host(wall: ReturnType<typeof createFakeWall>) {
  let query!: ReturnType<typeof usePanelQuery<ReturnType<typeof stages>, { regionCode: string | null }>>;
  const Host = defineComponent({
    setup() {
      query = usePanelQuery({
        query: MemberStagesDocument as never,
        variables: () => ({ regionCode: wall.navigation.current.value }),
        version: (data: ReturnType<typeof stages>) => data.memberStats.version,
      });
      return () => h('div', query.status.value);
    },
  });
  const wrapper = mount(Host, { global: wall.global() });
  return { wrapper, query: () => query };
}

const reads = (wall: ReturnType<typeof createFakeWall>) =>
  wall.queries.filter((q) => q.name === 'MemberStages');

describe('usePanelQuery', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('reads on mount, on every connect and again once things settle, keeping only newer versions', async () => {
    let answer = stages('5', 10);
    const wall = createFakeWall({ answers: { MemberStages: () => answer } });
    const { query } = host(wall);
    await settle();
    expect(query().data.value?.memberStats.byStage[0]?.count).toBe(10);

    answer = stages('4', 9);
    wall.connect();
    await settle();
    expect(reads(wall)).toHaveLength(2);
    expect(query().data.value?.memberStats.byStage[0]?.count).toBe(10);

    answer = stages('6', 11);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(reads(wall)).toHaveLength(3);
    expect(query().data.value?.memberStats.byStage[0]?.count).toBe(11);
  });

  it('does not read twice when the socket comes up during the first read: the settle read follows', async () => {
    const wall = createFakeWall({ answers: { MemberStages: stages('5', 10) } });
    const { query } = host(wall);
    wall.connect(); // the first read is still in flight
    await settle();
    expect(reads(wall)).toHaveLength(1);
    expect(query().status.value).toBe('ready');
    await vi.advanceTimersByTimeAsync(2_000);
    expect(reads(wall)).toHaveLength(2);
  });

  it('empties on failure, retries with backoff, and fills when the server can answer', async () => {
    const wall = createFakeWall({ answers: {} });
    const { query } = host(wall);
    await settle();
    expect(query().status.value).toBe('empty');
    wall.answer('MemberStages', stages('1', 3));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(query().status.value).toBe('ready');
  });

  it('keeps what it shows when a later read fails', async () => {
    const wall = createFakeWall({ answers: { MemberStages: stages('1', 3) } });
    const { query } = host(wall);
    await settle();
    wall.answer('MemberStages', new Error('gateway restarting'));
    wall.connect();
    await settle();
    expect(query().status.value).toBe('ready');
    expect(query().data.value?.memberStats.byStage[0]?.count).toBe(3);
    // what is kept on screen may be growing old: whoever looks after the wall is told which read failed
    expect(wall.connection.problem.value).toContain('MemberStages');
  });

  it('reads the new region when the wall drills, showing its figure and not the old one', async () => {
    const wall = createFakeWall({
      answers: {
        MemberStages: (variables) => (variables.regionCode === null ? stages('9', 99) : stages('1', 1)),
      },
    });
    const { query } = host(wall);
    await settle();
    wall.answer('MemberStages', (variables) => {
      if (variables.regionCode === '330000') return stages('2', 2);
      return stages('10', 100);
    });
    wall.navigation.drill('330000');
    await settle();
    expect(query().data.value?.memberStats.byStage[0]?.count).toBe(2);
    expect(reads(wall).at(-1)?.variables).toEqual({ regionCode: '330000' });
  });

  it('refresh reads at most once per interval however often it is asked', async () => {
    const wall = createFakeWall({ answers: { MemberStages: stages('1', 3) } });
    const { query } = host(wall);
    await settle();
    for (let i = 0; i < 50; i++) query().refresh();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(reads(wall)).toHaveLength(2);
  });

  it('stops reading and listening when its component goes', async () => {
    const wall = createFakeWall({ answers: { MemberStages: stages('1', 3) } });
    const { wrapper } = host(wall);
    await settle();
    wrapper.unmount();
    expect(wall.listenerCount()).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    wall.connect();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(reads(wall)).toHaveLength(1);
  });
});
