import { createServer, Server, Socket } from 'net';

/**
 * A TCP proxy between the processes under test and a real Postgres or Redis, which the test can cut: `cut()`
 * destroys every open connection and resets each new one at once (as a server that went away), `restore()`
 * lets connections through again. Point a process at it with `url(realUrl)`.
 */
export class FaultProxy {
  private readonly open = new Set<Socket>();
  private isCut = false;

  private readonly server: Server;
  port = 0;

  private constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {
    this.server = createServer((client) => this.accept(client));
  }

  /** A proxy on a free local port to the host and port of `targetUrl`. */
  static async start(targetUrl: string): Promise<FaultProxy> {
    const target = new URL(targetUrl);
    const proxy = new FaultProxy(
      target.hostname,
      Number(target.port || (target.protocol.startsWith('redis') ? 6379 : 5432)),
    );
    await new Promise<void>((resolve, reject) => {
      proxy.server.once('error', reject);
      proxy.server.listen(0, '127.0.0.1', resolve);
    });
    proxy.port = (proxy.server.address() as { port: number }).port;
    return proxy;
  }

  /** `realUrl` with its host and port replaced by the proxy's. */
  url(realUrl: string): string {
    const u = new URL(realUrl);
    u.hostname = '127.0.0.1';
    u.port = String(this.port);
    return u.toString();
  }

  get connections(): number {
    return this.open.size;
  }

  cut(): void {
    this.isCut = true;
    for (const s of this.open) s.destroy();
    this.open.clear();
  }

  restore(): void {
    this.isCut = false;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    if (this.isCut) {
      client.resetAndDestroy();
      return;
    }
    const upstream = new Socket();
    const pair = [client, upstream];
    for (const s of pair) {
      this.open.add(s);
      s.on('error', () => undefined);
      s.on('close', () => {
        this.open.delete(s);
        for (const other of pair) if (other !== s) other.destroy();
      });
    }
    upstream.connect(this.targetPort, this.targetHost);
    client.pipe(upstream);
    upstream.pipe(client);
  }
}
