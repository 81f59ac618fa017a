import { Injectable, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/** The part of a `pg` client this class uses (the pg driver TypeORM loaded; the project has no pg typings). */
interface ListenClient {
  connect(): Promise<void>;
  query(sql: string): Promise<unknown>;
  end(): Promise<void>;
  on(event: 'notification', listener: (message: { channel: string; payload?: string }) => void): void;
  on(event: 'error' | 'end', listener: (e?: Error) => void): void;
  removeAllListeners(): void;
}

const RETRY_MIN_MS = 250;
const RETRY_MAX_MS = 5_000;
/** how often the connection is asked whether it is still there (a silently dead one would miss notifications) */
const PING_MS = 10_000;

/**
 * Postgres LISTEN/NOTIFY for per-process caches: one dedicated connection (outside the pool) listening on the
 * channels subscribers registered, reconnecting with backoff when it drops. A notification is delivered to every
 * listening process when the transaction that sent it commits. What a process missed while it was not listening
 * cannot be replayed, so after every (re)connect the `onResync` handlers run (drop the cache), and while
 * `listening` is false a cache must check a version in the database before it trusts itself.
 */
@Injectable()
export class DatabaseNotifications implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DatabaseNotifications.name);
  private readonly channels = new Map<string, Set<() => void>>();
  private readonly resyncs = new Set<() => void>();
  private client: ListenClient | null = null;
  private live = false;
  private stopped = false;
  private retry: NodeJS.Timeout | null = null;
  private ping: NodeJS.Timeout | null = null;
  private delayMs = RETRY_MIN_MS;

  constructor(private readonly db: DataSource) {}

  /** Whether a notification committed now reaches this process: LISTEN is in place on a live connection. */
  get listening(): boolean {
    return this.live;
  }

  /** Calls `handler` on every notification of `channel` (a plain identifier). Register before the app boots. */
  on(channel: string, handler: () => void): void {
    if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`channel ${channel}: lower-case letters, digits and _`);
    const handlers = this.channels.get(channel) ?? new Set();
    handlers.add(handler);
    this.channels.set(channel, handlers);
    const client = this.client;
    if (client && this.live) void client.query(`LISTEN ${channel}`).catch((e: Error) => this.lost(client, e));
  }

  /** Calls `handler` each time listening (re)starts: whatever was sent meanwhile was missed. */
  onResync(handler: () => void): void {
    this.resyncs.add(handler);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    if (client) this.lost(client);
  }

  private async connect(): Promise<void> {
    this.retry = null;
    if (this.stopped) return;
    const driver = this.db.driver as PostgresDriver;
    const options = driver.options as { url?: string; extra?: { connectionTimeoutMillis?: number } };
    const client: ListenClient = new driver.postgres.Client({
      connectionString: options.url,
      connectionTimeoutMillis: options.extra?.connectionTimeoutMillis ?? 5_000,
      keepAlive: true,
    });
    this.client = client;
    client.on('error', (e) => this.lost(client, e));
    client.on('end', () => this.lost(client));
    client.on('notification', (m) => this.deliver(m.channel));
    try {
      await client.connect();
      for (const channel of this.channels.keys()) await client.query(`LISTEN ${channel}`);
    } catch (e) {
      this.lost(client, e as Error);
      return;
    }
    if (this.client !== client) return; // dropped while it was being set up
    this.live = true;
    this.delayMs = RETRY_MIN_MS;
    this.logger.log({ channels: [...this.channels.keys()] }, 'listening for database notifications');
    for (const handler of this.resyncs) handler();
    this.ping = setInterval(() => void client.query('SELECT 1').catch((e: Error) => this.lost(client, e)), PING_MS);
    this.ping.unref();
  }

  private deliver(channel: string): void {
    for (const handler of this.channels.get(channel) ?? []) handler();
  }

  /** The connection is gone (or being closed): stop trusting it and, unless shutting down, connect again later. */
  private lost(client: ListenClient, e?: Error): void {
    if (this.client !== client) return;
    this.client = null;
    this.live = false;
    if (this.ping) clearInterval(this.ping);
    this.ping = null;
    client.removeAllListeners();
    client.on('error', () => undefined);
    void client.end().catch(() => undefined);
    if (this.stopped) return;
    this.logger.warn(
      { err: e?.message, retryInMs: this.delayMs },
      'database notifications connection lost; caches check their version until it is back',
    );
    this.retry = setTimeout(() => void this.connect(), this.delayMs);
    this.retry.unref();
    this.delayMs = Math.min(this.delayMs * 2, RETRY_MAX_MS);
  }
}

/** Provides the one DatabaseNotifications of a process; needs PersistenceModule's DataSource. */
@Module({ providers: [DatabaseNotifications], exports: [DatabaseNotifications] })
export class DatabaseNotificationsModule {}
