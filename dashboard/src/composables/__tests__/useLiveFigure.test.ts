import { mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { createFakeWall, settle } from '@/__tests__/fakeWall';
import { MemberFiguresDocument, MemberStatsChangedDocument } from '@/graphql/generated/graphql';
import { useLiveFigure } from '../useLiveFigure';

const snapshot = (version: string, fullMembers: number) => ({ memberStats: { version, fullMembers } });
const changed = (version: string, fullMembers: number) => ({ memberStatsChanged: { version, fullMembers } });

/** 正式党员 as the headline follows it: carrying the connection state. */
function host(answer: () => object | Error) {
  const wall = createFakeWall({ answers: { MemberFigures: () => answer() } });
  let figure!: ReturnType<typeof useLiveFigure>;
  const Host = defineComponent({
    setup() {
      figure = useLiveFigure(
        MemberFiguresDocument,
        'memberStats',
        MemberStatsChangedDocument,
        'memberStatsChanged',
        {
          carriesConnection: true,
        },
      );
      return () => h('div');
    },
  });
  const wrapper = mount(Host, { global: wall.global() });
  return {
    wall,
    wrapper,
    shown: () => (figure.data.value as ReturnType<typeof snapshot> | null)?.memberStats.fullMembers ?? null,
    reads: () => wall.queries.filter((q) => q.name === 'MemberFigures').length,
    state: () => wall.connection.state.value,
  };
}

/** {@link host}, read once the socket is up: live. */
async function liveHost(answer: () => object | Error) {
  const figure = host(answer);
  await settle();
  figure.wall.connect();
  await settle();
  expect(figure.state()).toBe('live');
  return figure;
}

describe('useLiveFigure', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('shows the snapshot before the socket is up, and turns live only on a read since it came up', async () => {
    let answer = snapshot('10', 500);
    const figure = host(() => answer);
    await settle();
    expect(figure.shown()).toBe(500);
    expect(figure.state()).toBe('reconnecting');

    answer = snapshot('11', 501);
    figure.wall.connect();
    await settle();
    expect(figure.reads()).toBe(2);
    expect(figure.shown()).toBe(501);
    expect(figure.state()).toBe('live');
  });

  it('applies stream events with newer versions only, whatever order they come in', async () => {
    let answer = snapshot('10', 500);
    const figure = host(() => answer);
    // an event overtakes the snapshot it is newer than
    figure.wall.emit('MemberStatsChanged', changed('11', 501));
    await settle();
    expect(figure.shown()).toBe(501);
    figure.wall.emit('MemberStatsChanged', changed('11', 9999)); // same version: ignored
    figure.wall.emit('MemberStatsChanged', changed('9', 499)); // older: ignored
    await settle();
    expect(figure.shown()).toBe(501);
    answer = snapshot('12', 502);
    figure.wall.connect();
    await settle();
    expect(figure.shown()).toBe(502);
  });

  it('re-reads on every reconnect: what changed while the wall was away shows, and it is live again', async () => {
    let answer = snapshot('10', 500);
    const figure = await liveHost(() => answer);

    figure.wall.close();
    expect(figure.state()).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(11_000);
    figure.wall.connection.tick(); // the view ticks the clock on screen
    expect(figure.state()).toBe('stale');
    expect(figure.wall.connection.dataAgeMs.value).toBe(11_000);

    answer = snapshot('14', 520);
    figure.wall.connect();
    await settle();
    expect(figure.shown()).toBe(520);
    expect(figure.state()).toBe('live');
  });

  it('stays out of live while its read fails, and turns live once one succeeds', async () => {
    let answer: object | Error = new Error('502 Bad Gateway');
    const figure = host(() => answer);
    figure.wall.connect();
    await settle();
    expect(figure.state()).toBe('reconnecting');
    answer = snapshot('3', 30);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(figure.shown()).toBe(30);
    expect(figure.state()).toBe('live');
  });

  it('resubscribes a stream the server ended and reads again before it is live again', async () => {
    let answer = snapshot('20', 3000);
    const figure = await liveHost(() => answer);

    // e.g. the party-work subgraph restarted behind a gateway that stayed up
    figure.wall.failStream('MemberStatsChanged');
    expect(figure.state()).toBe('reconnecting');
    expect(figure.wall.connection.problem.value).toBe('memberStatsChanged：订阅已结束');
    expect(figure.wall.openStreams('MemberStatsChanged')).toBe(0);

    answer = snapshot('23', 3003);
    await vi.advanceTimersByTimeAsync(500);
    expect(figure.wall.openStreams('MemberStatsChanged')).toBe(1);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(figure.shown()).toBe(3003);
    expect(figure.state()).toBe('live');
    figure.wall.emit('MemberStatsChanged', changed('24', 3004));
    expect(figure.shown()).toBe(3004);
  });

  it('shows another region on the same socket: its snapshot at once, the state still live', async () => {
    const figure = await liveHost(() => snapshot('10', 500));
    // the new region's versions start lower than the old region's: they still show
    figure.wall.answer('MemberFigures', () => snapshot('2', 300));
    figure.wall.navigation.drill('330000');
    await settle();
    expect(figure.shown()).toBe(300);
    expect(figure.wall.queries.at(-1)?.variables).toEqual({ regionCode: '330000' });
    expect(figure.state()).toBe('live');
  });

  it('lets go of the connection state, its stream and its timers when its component goes', async () => {
    const figure = host(() => snapshot('1', 1));
    await settle();
    figure.wrapper.unmount();
    expect(figure.wall.openStreams('MemberStatsChanged')).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});
