import { describe, expect, it } from 'vitest';
import { createWallConnection } from '../connection';

function connectionWithClock(start = 1_000_000) {
  let now = start;
  const connection = createWallConnection({ now: () => now });
  return {
    connection,
    advance(ms: number) {
      now += ms;
      connection.tick();
    },
  };
}

/** A socket that came up and a figure read since, as the headline does it. */
function liveConnection() {
  const clocked = connectionWithClock();
  const figure = clocked.connection.follow();
  clocked.connection.connected();
  figure.synced(clocked.connection.epoch);
  return { ...clocked, figure };
}

describe('the connection state', () => {
  it('is reconnecting before the first connection, then stale after 10 s without one', () => {
    const { connection, advance } = connectionWithClock();
    expect(connection.state.value).toBe('reconnecting');
    advance(10_000);
    expect(connection.state.value).toBe('reconnecting');
    advance(1);
    expect(connection.state.value).toBe('stale');
    expect(connection.dataAgeMs.value).toBeNull();
  });

  it('is live only once every figure it stands for was read on a connected socket', () => {
    const { connection } = connectionWithClock();
    const organizations = connection.follow();
    const members = connection.follow();
    organizations.synced(connection.epoch); // no socket yet: ignored
    expect(connection.state.value).toBe('reconnecting');

    connection.connected();
    organizations.synced(connection.epoch);
    expect(connection.state.value).toBe('reconnecting');
    members.synced(connection.epoch);
    expect(connection.state.value).toBe('live');
    expect(connection.dataAgeMs.value).toBe(0);
  });

  it('does not turn live from a read begun before the socket closed', () => {
    const { connection } = connectionWithClock();
    const figure = connection.follow();
    connection.connected();
    const epoch = connection.epoch;
    connection.closed();
    connection.connected();
    figure.synced(epoch);
    expect(connection.state.value).toBe('reconnecting');
  });

  it('goes reconnecting on close, stale after 10 s, and counts the age from the close', () => {
    const { connection, advance } = liveConnection();
    advance(60_000); // a minute of live data

    connection.closed();
    expect(connection.state.value).toBe('reconnecting');
    expect(connection.dataAgeMs.value).toBe(0);
    advance(9_000);
    expect(connection.state.value).toBe('reconnecting');
    expect(connection.dataAgeMs.value).toBe(9_000);
    advance(3_000);
    expect(connection.state.value).toBe('stale');
    expect(connection.dataAgeMs.value).toBe(12_000);
  });

  it('needs a new read after a reconnect before it is live again', () => {
    const { connection, advance, figure } = liveConnection();
    connection.closed();
    advance(15_000);
    connection.connected();
    // the socket is back but the figures may have missed changes: still stale, still aging
    expect(connection.state.value).toBe('stale');
    advance(1_000);
    expect(connection.dataAgeMs.value).toBe(16_000);
    figure.synced(connection.epoch);
    expect(connection.state.value).toBe('live');
    expect(connection.dataAgeMs.value).toBe(0);
  });

  it('leaves live when a stream is lost while the socket stays up', () => {
    const { connection, advance, figure } = liveConnection();
    figure.lost();
    expect(connection.state.value).toBe('reconnecting');
    advance(11_000);
    expect(connection.state.value).toBe('stale');
    figure.synced(connection.epoch);
    expect(connection.state.value).toBe('live');
  });

  it('keeps the last problem until the figures are live again', () => {
    const { connection } = connectionWithClock();
    const figure = connection.follow();
    connection.report('连接已断开（1006）');
    connection.connected();
    expect(connection.problem.value).toBe('连接已断开（1006）');
    figure.synced(connection.epoch);
    expect(connection.problem.value).toBeNull();
  });

  it('tells its listeners of every connect until they stop listening', () => {
    const { connection } = connectionWithClock();
    let connects = 0;
    const stop = connection.onConnected(() => connects++);
    connection.connected();
    connection.connected();
    stop();
    connection.connected();
    expect(connects).toBe(2);
  });
});
