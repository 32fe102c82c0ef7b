import type { DataSource, EntityManager } from 'typeorm';
import type { ChangeCounter } from './change-counter.js';
import type { DomainEvent } from './events.js';
import type { Logger } from './logger.js';
import { enqueueEvents } from './outbox.js';
import { inTransaction, type TransactionOptions } from './transaction.js';

/** What one subgraph's writes have in common: how a change is recorded, staged and announced. */
export interface ChangeWriterOptions<TChanges> {
  dataSource: DataSource;
  /** The stream this subgraph's domain events go out on (`eventStream(namespace, producer)`). */
  stream: string;
  logger: Logger;
  /** A fresh, empty record of what one write changed; made again for every attempt of a transaction. */
  newChanges(): TChanges;
  /**
   * The domain events of what `changes` marked, read in the write's own transaction at its end: staged
   * once at the end rather than at each statement, so an aggregate written by several statements is one
   * event of its final state.
   */
  events(manager: EntityManager, changes: TChanges): Promise<DomainEvent[]>;
  /**
   * After the commit: publish the outbox (so the events are on the stream when the response goes out)
   * and what the walls follow live. A failure here is logged, never thrown: the write has committed, and
   * the outbox relay and a subscriber's re-read on reconnect catch up.
   */
  announce(changes: TChanges): Promise<void>;
  /**
   * Moved after each commit, before `announce` (change-counter.ts); absent where nothing reads through
   * the gateway yet (the seed).
   */
  changeCounter?: ChangeCounter;
  /** The transaction's isolation and attempts; see `inTransaction`. */
  transaction?: TransactionOptions;
}

/**
 * The one way a subgraph writes a change together with its events. A writer gets a change set only from
 * here, marks in it what it changed, and the events of what it marked go into the outbox in the same
 * transaction; so no write path can change a row and leave its event behind. `write` owns its transaction
 * (retried from the start on a deadlock, with a fresh change set, since a rolled-back attempt's marks are
 * gone with its rows); `within` works inside one the caller opened (an import's batch, the seed), and the
 * caller announces after its commit.
 */
export class ChangeWriter<TChanges> {
  constructor(private readonly options: ChangeWriterOptions<TChanges>) {}

  async write<T>(work: (manager: EntityManager, changes: TChanges) => Promise<T>): Promise<T> {
    let changes: TChanges | undefined;
    const value = await inTransaction(
      this.options.dataSource,
      async (manager) => {
        const written = await this.within(manager, (attempt) => work(manager, attempt));
        changes = written.changes;
        return written.value;
      },
      this.options.transaction,
    );
    if (changes !== undefined) await this.announce(changes);
    return value;
  }

  async within<T>(
    manager: EntityManager,
    work: (changes: TChanges) => Promise<T>,
  ): Promise<{ value: T; changes: TChanges }> {
    const changes = this.options.newChanges();
    const value = await work(changes);
    const events = await this.options.events(manager, changes);
    if (events.length > 0) await enqueueEvents(manager, this.options.stream, events);
    return { value, changes };
  }

  /** After the commit of a `within`: what `write` does itself. */
  async announce(changes: TChanges): Promise<void> {
    try {
      await this.options.changeCounter?.bump();
    } catch (error) {
      this.options.logger.error({ err: error }, 'could not move the change counter');
    }
    try {
      await this.options.announce(changes);
    } catch (error) {
      this.options.logger.error({ err: error }, 'could not publish live updates');
    }
  }
}
