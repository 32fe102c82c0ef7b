import { randomUUID } from 'node:crypto';
import { type WebSocket, WebSocketServer } from 'ws';

/**
 * The floor under the gateway's fan-out: a bare `ws` server, run as its own process by `bench live`, that
 * sends every connected client a graphql-ws `next` frame of the same shape and size as the gateway's, at
 * the rate the gateway sent them, and reports its own CPU per frame. Nothing is executed or serialized
 * per client beyond what any WebSocket server must do: one message written to each socket. What the
 * gateway spends per extra subscriber, compared with this, is the cost of our code rather than of the
 * socket writes themselves.
 *
 * Protocol (process messages): it sends `{ port }` once listening; on `{ perSecond, seconds, payloadBytes }`
 * it broadcasts and answers `{ cpuMs, frames }`.
 */
const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
const ids = new WeakMap<WebSocket, string>();

server.on('connection', (socket) => ids.set(socket, randomUUID()));
server.on('listening', () => {
  const address = server.address();
  process.send?.({ port: address && typeof address === 'object' ? address.port : 0 });
});

process.on('message', (message: { perSecond: number; seconds: number; payloadBytes: number }) => {
  const { perSecond, seconds, payloadBytes } = message;
  let value = 0;
  let frames = 0;
  // the figure's value grows as the bench's does; padding brings the payload to the size the gateway sent
  const unpadded = JSON.stringify({ data: { memberStatsChanged: { fullMembers: 1, padding: '' } } });
  const padding = 'x'.repeat(Math.max(0, payloadBytes - unpadded.length));
  const before = process.cpuUsage();
  const timer = setInterval(() => {
    value++;
    const payload = JSON.stringify({ data: { memberStatsChanged: { fullMembers: value, padding } } });
    for (const socket of server.clients) {
      socket.send(`{"id":"${ids.get(socket)}","type":"next","payload":${payload}}`);
      frames++;
    }
  }, 1000 / perSecond);
  setTimeout(() => {
    clearInterval(timer);
    const used = process.cpuUsage(before);
    process.send?.({ cpuMs: (used.user + used.system) / 1000, frames });
  }, seconds * 1000);
});

// the bench's end (or its crash) ends this process
process.on('disconnect', () => process.exit(0));
