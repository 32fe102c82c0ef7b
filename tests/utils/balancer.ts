import type { AddressInfo } from 'node:net';
import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A round-robin TCP balancer in front of a service's replicas, as a load balancer would be in a
 * deployment: HTTP and WebSocket connections alike are spread over the replicas, and a connection to a
 * replica that is down goes to the next one.
 */
export class TcpBalancer {
  private server: Server | undefined;
  private next = 0;
  private readonly sockets = new Set<Socket>();

  constructor(private readonly backends: () => number[]) {}

  async start(port = 0): Promise<number> {
    this.server = createServer((client) => {
      this.sockets.add(client);
      client.on('error', () => client.destroy());
      client.once('close', () => this.sockets.delete(client));
      this.route(client, 0);
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    return (this.server.address() as AddressInfo).port;
  }

  private route(client: Socket, attempt: number): void {
    const ports = this.backends();
    if (client.destroyed) return;
    if (attempt >= ports.length) {
      client.destroy();
      return;
    }
    const port = ports[this.next++ % ports.length]!;
    const upstream = connect(port, '127.0.0.1');
    let connected = false;
    upstream.once('connect', () => {
      connected = true;
      this.sockets.add(upstream);
      // the client's first bytes wait in its (paused) socket until now
      client.pipe(upstream);
      upstream.pipe(client);
      upstream.once('close', () => {
        this.sockets.delete(upstream);
        client.destroy();
      });
      client.once('close', () => upstream.destroy());
    });
    upstream.on('error', () => {
      if (!connected) this.route(client, attempt + 1);
    });
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
