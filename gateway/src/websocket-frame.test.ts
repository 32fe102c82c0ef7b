import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { textFrame } from './websocket-frame.js';

/**
 * The frames are written beside `ws` on a real connection and read by a real `ws` client, which checks
 * what a browser checks (lengths, opcode, UTF-8) and closes the connection on anything malformed.
 */
describe('textFrame', () => {
  let http: Server;
  let server: WebSocketServer;
  let client: WebSocket;
  let connection: Duplex;
  let serverSide: WebSocket;
  const received: string[] = [];
  let waiting: { count: number; resolve: () => void; reject: (error: Error) => void } | null = null;

  beforeAll(async () => {
    // as the gateway does: the upgrade's TCP socket is kept beside the WebSocket made on it
    http = createServer();
    server = new WebSocketServer({ noServer: true, perMessageDeflate: false });
    const accepted = new Promise<WebSocket>((resolve) =>
      http.on('upgrade', (req, socket, head) => {
        connection = socket;
        server.handleUpgrade(req, socket, head, resolve);
      }),
    );
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    client = new WebSocket(`ws://127.0.0.1:${(http.address() as AddressInfo).port}`);
    client.on('message', (data: Buffer) => {
      received.push(data.toString('utf8'));
      if (waiting && received.length >= waiting.count) waiting.resolve();
    });
    // a malformed frame makes the client close the connection (1002 protocol error, or 1007 bad UTF-8)
    client.on('close', (code: number, reason: Buffer) =>
      waiting?.reject(new Error(`the client closed the connection: ${code} ${reason.toString()}`)),
    );
    serverSide = await accepted;
    if (client.readyState !== WebSocket.OPEN) await new Promise((resolve) => client.once('open', resolve));
  });

  afterAll(async () => {
    client.terminate();
    server.close();
    http.closeAllConnections();
    await new Promise((resolve) => http.close(resolve));
  });

  /** Resolves once the client has `count` messages in all. */
  const messages = (count: number) =>
    new Promise<void>((resolve, reject) => {
      if (received.length >= count) resolve();
      else if (client.readyState !== WebSocket.OPEN) reject(new Error('the client closed the connection'));
      else waiting = { count, resolve, reject };
    });

  it('is read as the same text by a WebSocket client, at every length encoding', async () => {
    // 7-bit lengths up to 125, 16-bit up to 65 535, 64-bit beyond
    const lengths = [0, 1, 125, 126, 127, 65_535, 65_536, 70_000];
    const texts = lengths.map((length, i) => String.fromCharCode(97 + i).repeat(length));
    for (const text of texts) connection.write(textFrame(Buffer.from(text)));
    await messages(texts.length);
    expect(received.map((text) => text.length)).toEqual(lengths);
    expect(received).toEqual(texts);
  });

  it('joins its parts, counts UTF-8 bytes rather than characters, and keeps order with ws own sends', async () => {
    const before = received.length;
    const prefix = Buffer.from('{"id":"1","type":"next","payload":');
    const payload = Buffer.from(JSON.stringify({ data: { region: { name: '浙江省' } } }));
    connection.write(textFrame(prefix, payload, Buffer.from('}')));
    serverSide.send('sent by ws');
    connection.write(textFrame(Buffer.from('网络社会组织党建'.repeat(20))));
    await messages(before + 3);
    expect(received.slice(before)).toEqual([
      '{"id":"1","type":"next","payload":{"data":{"region":{"name":"浙江省"}}}}',
      'sent by ws',
      '网络社会组织党建'.repeat(20),
    ]);
    expect(client.readyState).toBe(WebSocket.OPEN);
  });
});
