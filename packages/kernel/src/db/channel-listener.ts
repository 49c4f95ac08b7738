import type { MikroORM } from '@mikro-orm/postgresql';
import type { Client } from 'pg';
import type { Logger } from '../logger';
import { WakeablePause } from '../timeouts';

export interface ChannelListenerOptions {
  /** Whose connection settings the listening connection uses (a connection of its own, outside the pool). */
  orm: MikroORM;
  /** The channel `pg_notify` is called with. */
  channel: string;
  /** Called on each notification, and after each (re)connection: notifications sent meanwhile were missed. */
  onNotify: () => void;
  logger: Logger;
  /** Pause before connecting again after the connection failed or was lost. Default: 1,000 ms. */
  retryDelayMs?: number;
}

/**
 * Keeps one Postgres connection LISTENing on a channel, connecting again whenever it is lost.
 * It needs a session of its own: behind a transaction-mode pooler no notification arrives.
 */
export class ChannelListener {
  private stopped = false;
  private loop?: Promise<void>;
  private client?: Client;
  private readonly pauses = new WakeablePause();

  constructor(private readonly options: ChannelListenerOptions) {}

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.pauses.wake();
    await this.client?.end().catch(() => undefined);
    await this.loop;
  }

  private async run(): Promise<void> {
    const { logger, channel } = this.options;
    while (!this.stopped) {
      try {
        await this.listenUntilLost();
        if (!this.stopped) logger.warn({ channel }, 'lost the connection listening for notifications; connecting again');
      } catch (error) {
        if (!this.stopped) logger.warn({ err: error, channel }, 'could not listen for notifications; retrying');
      }
      if (!this.stopped) await this.pauses.wait(this.options.retryDelayMs ?? 1000);
    }
  }

  /** Connects, LISTENs, and resolves when the connection ends (lost, or closed by `stop()`). */
  private async listenUntilLost(): Promise<void> {
    // The ORM's own driver settings (server, role, search path), on a raw connection the pool never hands out.
    const driver = this.options.orm.em.getConnection().getKnex().client;
    const client = (await driver.acquireRawConnection()) as Client;
    this.client = client;
    try {
      if (this.stopped) return;
      // knex's own 'error' listener keeps a lost connection from crashing the process.
      const ended = new Promise<void>((resolve) => client.once('end', resolve));
      client.on('notification', () => this.options.onNotify());
      await client.query(`listen ${client.escapeIdentifier(this.options.channel)}`);
      this.options.onNotify();
      await ended;
    } finally {
      this.client = undefined;
      await client.end().catch(() => undefined);
    }
  }
}
