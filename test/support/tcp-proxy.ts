import { AddressInfo, createConnection, createServer, Server, Socket } from 'node:net';

interface Link {
  client: Socket;
  upstream: Socket;
  /** Bytes held back while partitioned, per direction, delivered on heal (as TCP would resend them). */
  held: { toUpstream: Buffer[]; toClient: Buffer[] };
}

/**
 * A TCP proxy in front of a real server (PostgreSQL, Redis) for fault tests:
 * - `partition()`: a silent network partition. Nothing is forwarded and nothing is closed; new
 *   connections are accepted and then hear nothing. `heal()` delivers what was held and forwards again.
 * - `stop()`: the server is away: connections are cut and new ones refused. `restart()` listens again
 *   on the same port.
 */
export class TcpProxy {
  private server?: Server;
  private readonly links = new Set<Link>();
  private partitioned = false;
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  /** A proxy for the server in `url` (postgres:// or redis://); `url` rewritten to go through it. */
  static async for(
    url: string,
    defaultPort: number,
  ): Promise<{ proxy: TcpProxy; url: (original: string) => string }> {
    const parsed = new URL(url);
    const proxy = new TcpProxy({ host: parsed.hostname, port: Number(parsed.port || defaultPort) });
    await proxy.listen();
    return {
      proxy,
      url: (original: string) => {
        const rewritten = new URL(original);
        rewritten.hostname = '127.0.0.1';
        rewritten.port = String(proxy.port);
        return rewritten.toString();
      },
    };
  }

  async listen(): Promise<void> {
    const server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  partition(): void {
    this.partitioned = true;
  }

  heal(): void {
    this.partitioned = false;
    for (const link of this.links) {
      this.flush(link);
    }
  }

  /** Refuses new connections and cuts every open one. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const link of this.links) {
      link.client.destroy();
      link.upstream.destroy();
    }
    this.links.clear();
    if (server) {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  /** Listens again on the same port. */
  async restart(): Promise<void> {
    this.partitioned = false;
    await this.listen();
  }

  private accept(client: Socket): void {
    const upstream = createConnection(this.target);
    const link: Link = { client, upstream, held: { toUpstream: [], toClient: [] } };
    this.links.add(link);
    const forget = () => {
      client.destroy();
      upstream.destroy();
      this.links.delete(link);
    };
    client.on('error', forget).on('close', forget);
    upstream.on('error', forget).on('close', forget);
    client.on('data', (data: Buffer) => {
      link.held.toUpstream.push(data);
      this.flush(link);
    });
    upstream.on('data', (data: Buffer) => {
      link.held.toClient.push(data);
      this.flush(link);
    });
  }

  private flush(link: Link): void {
    if (this.partitioned) {
      return;
    }
    for (const data of link.held.toUpstream.splice(0)) {
      link.upstream.write(data);
    }
    for (const data of link.held.toClient.splice(0)) {
      link.client.write(data);
    }
  }
}
