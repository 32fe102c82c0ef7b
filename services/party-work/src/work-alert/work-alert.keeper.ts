import { today } from '@pb/platform/calendar';
import type { Logger } from '@pb/platform/logger';
import { inTransaction, type TransactionOptions } from '@pb/platform/transaction';
import type { DataSource, EntityManager } from 'typeorm';
import { rollSecretaryCells } from '../statistics/secretary-cells/secretary-cells.js';
import { rollTrainingCells } from '../statistics/training-cells/training-cells.js';
import { CHUNK, kindsOf, SUBJECT_PASSES } from './work-alert.passes.js';
import { activeBranches, type KeptWorkAlert, type WorkAlertRule } from './work-alert.rule-kit.js';
import { MOVED_BY, type WorkAlertWrite } from './work-alert.rules.js';

type Queryable = Pick<EntityManager, 'query'>;

/**
 * The transaction of every write that re-evaluates work alerts: READ COMMITTED, so that after it locks a
 * subject it reads what the writes it waited for committed (see WorkAlertKeeper).
 */
export const WRITE_TRANSACTION = { isolation: 'READ COMMITTED' } as const satisfies TransactionOptions;

/** How often a server looks whether the day (China time) has changed. */
const DAY_CHECK_MS = 60_000;
/** Held while one server moves the kept alerts to a new day, so replicas do not do it twice. */
const DAY_LOCK = 'pb_work_alert_day';

interface StoredAlert {
  kind: string;
  subject_id: string;
  rule_key: string;
  region_code: string;
  branch_id: string | null;
  rule: string;
  message: string;
  due_on: string | null;
}

const keyOf = (a: { kind: string; subjectId: string; ruleKey: string }) =>
  `${a.kind}|${a.subjectId}|${a.ruleKey}`;

/**
 * Keeps the work alerts (table `work_alert`) and their count per region cell and kind (`work_alert_cell`)
 * equal to what the rules say of the rows, as of the kept day (`work_alert_day`): a write re-evaluates the
 * subjects it moved in its own transaction; the day's change, and a bulk load, re-evaluate every subject.
 * So a count for any region is a sum over its cells and a list an indexed, paged read.
 *
 * Concurrency: a re-evaluation first locks its subjects (rows of `work_alert_subject`), then reads the
 * rows; callers run READ COMMITTED, so a write that waited for another's lock sees what that one
 * committed, and the last to evaluate a subject evaluates everything written to it.
 */
export class WorkAlertKeeper {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dataSource: DataSource,
    private readonly logger?: Logger,
    /**
     * After the kept figures moved to a new day: the server publishes what the day moved (the secretary
     * figure, and the training figures of the regions whose posts began or ended in between).
     */
    private readonly dayMoved?: (moved: { day: string; trainingRegions: string[] }) => Promise<void>,
  ) {}

  /** Inside a write's transaction: re-evaluates, for these subjects, the rules that kind of write moves. */
  async refresh(
    manager: EntityManager,
    write: WorkAlertWrite,
    subjects: {
      branches?: Iterable<string | null | undefined>;
      members?: Iterable<string | null | undefined>;
      staff?: Iterable<string | null | undefined>;
      /** The members' stages after the write, when the writer knows them: rules of other stages are skipped. */
      memberStages?: ReadonlyMap<string, string>;
    },
  ): Promise<void> {
    const day = await this.keptDay(manager, true);
    await this.evaluate(
      manager,
      MOVED_BY[write],
      present(subjects.branches),
      present(subjects.members),
      present(subjects.staff),
      day,
      subjects.memberStages,
    );
  }

  /** The day the kept alerts are as of (YYYY-MM-DD, China time). */
  async keptDay(q: Queryable = this.dataSource, forWrite = false): Promise<string> {
    // a write holds the day (shared) to its commit, so the day's change waits for writes evaluated on the old day
    const [row] = (await q.query(
      `SELECT DATE_FORMAT(day, '%Y-%m-%d') AS day FROM work_alert_day${forWrite ? ' LOCK IN SHARE MODE' : ''}`,
    )) as Array<{ day: string }>;
    return row?.day ?? today();
  }

  /**
   * Every subject re-evaluated as of `day` (which becomes the kept day), a chunk per transaction; after a
   * bulk load (seed, import, resync) and when the day changes. Writes go on meanwhile.
   */
  async reconcile(day: string, { progress }: { progress?: (note: string) => void } = {}): Promise<void> {
    // the secretary figure's cells are kept as of the same day (statistics/secretary-cells/), moved in the
    // transaction that moves the day: writes wait on the day (about a second, once a day) and then see both
    // moved, and a failed roll leaves the old day for the next check to try again; who is staff depends on
    // the day too: the posts that began or ended in between move the training cells
    const rolled = await this.inOwnTransaction(async (manager) => {
      const before = await this.keptDay(manager, true);
      await manager.query('UPDATE work_alert_day SET day = ?', [day]);
      await rollSecretaryCells(manager, day);
      return rollTrainingCells(manager, before, day);
    });
    await this.dayMoved?.({ day, trainingRegions: rolled });
    for (const pass of SUBJECT_PASSES) {
      const evaluateChunk = (chunk: string[]) =>
        this.inOwnTransaction((manager) => {
          const { branches, members, staff } = pass.subjects(chunk);
          return this.evaluate(manager, pass.rules, branches, members, staff, day);
        });
      let after = '';
      let done = 0;
      for (;;) {
        const chunk = await pass.page(this.dataSource, after);
        if (chunk.length === 0) break;
        await evaluateChunk(chunk);
        done += chunk.length;
        after = chunk[chunk.length - 1]!;
        if (done % (CHUNK * 20) === 0) progress?.(`work alerts: ${done} ${pass.name} evaluated as of ${day}`);
      }
      const gone = await pass.stale(this.dataSource);
      for (let i = 0; i < gone.length; i += CHUNK) await evaluateChunk(gone.slice(i, i + CHUNK));
      if (done + gone.length > 0)
        progress?.(`work alerts: ${done + gone.length} ${pass.name} evaluated as of ${day}`);
    }
  }

  private inOwnTransaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return inTransaction(this.dataSource, work, WRITE_TRANSACTION);
  }

  /**
   * Moves the kept alerts to today when the day has changed (one server at a time); returns whether it did.
   * Servers call it every minute, and at start.
   */
  async keepUpToDate(day = today()): Promise<boolean> {
    if ((await this.keptDay()) >= day) return false;
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [lock] = (await runner.query('SELECT GET_LOCK(?, 0) AS held', [DAY_LOCK])) as Array<{
        held: number;
      }>;
      if (Number(lock?.held) !== 1) return false;
      try {
        // another server may have done it while this one waited for the lock
        if ((await this.keptDay()) >= day) return false;
        const started = Date.now();
        await this.reconcile(day);
        this.logger?.info({ day, ms: Date.now() - started }, 'work alerts moved to a new day');
        return true;
      } finally {
        await runner.query('SELECT RELEASE_LOCK(?)', [DAY_LOCK]);
      }
    } finally {
      await runner.release();
    }
  }

  /** Looks every minute whether the day has changed. */
  start(): void {
    const check = () => {
      this.running = this.keepUpToDate().catch((error) =>
        this.logger?.error(
          { err: error },
          'work alerts: moving to a new day failed; the next check tries again',
        ),
      );
    };
    check();
    this.timer = setInterval(check, DAY_CHECK_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Locks the subjects, evaluates the rules for them, and stores the difference with the counts per cell. */
  private async evaluate(
    q: Queryable,
    rules: WorkAlertRule[],
    branchIds: string[],
    memberIds: string[],
    staffIds: string[],
    day: string,
    memberStages?: ReadonlyMap<string, string>,
  ): Promise<void> {
    const branchRules = branchIds.length > 0 ? rules.filter((rule) => rule.subject === 'BRANCH') : [];
    const memberRules = memberIds.length > 0 ? rules.filter((rule) => rule.subject === 'MEMBER') : [];
    const staffRules = staffIds.length > 0 ? rules.filter((rule) => rule.subject === 'STAFF') : [];
    if (branchRules.length === 0 && memberRules.length === 0 && staffRules.length === 0) return;
    const subjects = [...new Set([...branchIds, ...memberIds, ...staffIds])].sort();
    // in id order, so two writes locking overlapping subjects wait rather than deadlock
    await q.query(
      `INSERT INTO work_alert_subject (subject_id) VALUES ${subjects.map(() => '(?)').join(', ')}
       ON DUPLICATE KEY UPDATE subject_id = VALUES(subject_id)`,
      subjects,
    );
    const branches = branchRules.length > 0 ? await activeBranches(q, branchIds, day) : [];
    const fresh: KeptWorkAlert[] = [];
    for (const rule of [...branchRules, ...memberRules, ...staffRules]) {
      // a member rule of other stages than the members' raises nothing on them: its read is skipped (their
      // kept alerts of its kinds are still read below, and go)
      const ruleMembers =
        rule.stages && memberStages
          ? memberIds.filter((id) => {
              const stage = memberStages.get(id);
              return stage === undefined || rule.stages!.includes(stage);
            })
          : memberIds;
      if (rule.subject === 'MEMBER' && ruleMembers.length === 0) continue;
      fresh.push(...(await rule.evaluate(q, { branches, memberIds: ruleMembers, staffIds }, day)));
    }

    const stored: StoredAlert[] = [];
    for (const [subjectRules, subjectIds] of [
      [branchRules, branchIds],
      [memberRules, memberIds],
      [staffRules, staffIds],
    ] as const)
      if (subjectRules.length > 0)
        stored.push(
          ...((await q.query(
            `SELECT kind, subject_id, rule_key, region_code, branch_id, rule, message,
                    DATE_FORMAT(due_on, '%Y-%m-%d') AS due_on
             FROM work_alert WHERE kind IN (?) AND subject_id IN (?)`,
            [kindsOf(subjectRules), subjectIds],
          )) as StoredAlert[]),
        );
    await this.store(q, stored, fresh);
  }

  private async store(q: Queryable, stored: StoredAlert[], fresh: KeptWorkAlert[]): Promise<void> {
    const cells = new Map<string, number>();
    const count = (region: string, kind: string, n: number) =>
      cells.set(`${region}|${kind}`, (cells.get(`${region}|${kind}`) ?? 0) + n);
    const before = new Map(
      stored.map((s) => [keyOf({ kind: s.kind, subjectId: s.subject_id, ruleKey: s.rule_key }), s]),
    );
    const changed: KeptWorkAlert[] = [];
    for (const alert of fresh) {
      const was = before.get(keyOf(alert));
      before.delete(keyOf(alert));
      if (
        was &&
        was.region_code === alert.regionCode &&
        was.branch_id === alert.branchId &&
        was.rule === alert.rule &&
        was.message === alert.message &&
        was.due_on === alert.dueOn
      )
        continue;
      changed.push(alert);
      if (was) count(was.region_code, was.kind, -1);
      count(alert.regionCode, alert.kind, 1);
    }
    const gone = [...before.values()];
    for (const s of gone) count(s.region_code, s.kind, -1);
    if (gone.length > 0)
      await q.query(
        deleteAlertsSql(gone.length),
        gone.flatMap((s) => [s.kind, s.subject_id, s.rule_key]),
      );
    if (changed.length > 0)
      await q.query(
        `INSERT INTO work_alert (kind, subject_id, rule_key, region_code, branch_id, member_id, rule, message, due_on)
         VALUES ${changed.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}
         ON DUPLICATE KEY UPDATE region_code = VALUES(region_code), branch_id = VALUES(branch_id),
           member_id = VALUES(member_id), rule = VALUES(rule), message = VALUES(message), due_on = VALUES(due_on)`,
        changed.flatMap((a) => [
          a.kind,
          a.subjectId,
          a.ruleKey,
          a.regionCode,
          a.branchId,
          a.memberId,
          a.rule,
          a.message,
          a.dueOn,
        ]),
      );
    // in key order, so two writes counting into the same cells do not deadlock
    const deltas = [...cells].filter(([, n]) => n !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (deltas.length > 0)
      await q.query(
        `INSERT INTO work_alert_cell (region_code, kind, alerts) VALUES ${deltas.map(() => '(?, ?, ?)').join(', ')}
         ON DUPLICATE KEY UPDATE alerts = alerts + VALUES(alerts)`,
        deltas.flatMap(([key, n]) => [...key.split('|'), n]),
      );
  }
}

/**
 * Deletes `n` kept alerts by their keys. Equalities joined by OR, not `(kind, subject_id, rule_key) IN
 * (…)`: MariaDB 10.11 runs a DELETE by a one-row IN as a scan of the whole table (656k rows, seconds, at
 * 100k organizations), holding every write that waits on it.
 */
export function deleteAlertsSql(n: number): string {
  const key = '(kind = ? AND subject_id = ? AND rule_key = ?)';
  return `DELETE FROM work_alert WHERE ${Array.from({ length: n }, () => key).join(' OR ')}`;
}

function present(values: Iterable<string | null | undefined> | undefined): string[] {
  return [...new Set([...(values ?? [])].filter((v): v is string => Boolean(v)))];
}
