import type { EntityManager } from 'typeorm';

type Queryable = Pick<EntityManager, 'query'>;

/** An activity's row as written: a record of organizational life, or a correction of one. */
export interface ActivityRowValues {
  id: string;
  branchId: string;
  regionCode: string;
  type: string;
  mode: string;
  title: string;
  /** When it was held: a UTC instant, or `YYYY-MM-DD hh:mm:ss` UTC as the seed writes it. */
  heldAt: Date | string;
  /** The day it was held, China time (YYYY-MM-DD). */
  heldOn: string;
  quarter: string;
  expected: number;
  present: number;
  online: number;
  excused: number;
  absent: number;
  correctsId: string | null;
  supersededBy: string | null;
  recordedBy: string;
  /** ActivityPurpose, or null when the record names none. */
  serves: string | null;
}

/**
 * The one writer of `activity` rows: the service (a record, a correction, an import's batch) and the seed
 * write through here. The column of each property: the type asks for every property of the row, so a new
 * column that is not added here does not compile, and no way of writing activities can leave it out.
 */
const COLUMN_OF: { readonly [Property in keyof ActivityRowValues]-?: string } = {
  id: 'id',
  branchId: 'branch_id',
  regionCode: 'region_code',
  type: 'type',
  mode: 'mode',
  title: 'title',
  heldAt: 'held_at',
  heldOn: 'held_on',
  quarter: 'quarter',
  expected: 'expected',
  present: 'present',
  online: 'online',
  excused: 'excused',
  absent: 'absent',
  correctsId: 'corrects_id',
  supersededBy: 'superseded_by',
  recordedBy: 'recorded_by',
  serves: 'serves',
};
const PROPERTIES = Object.keys(COLUMN_OF) as Array<keyof ActivityRowValues>;

/** An activity's values in the order of the insert's columns. */
export function activityValues(activity: ActivityRowValues): unknown[] {
  return PROPERTIES.map((property) => activity[property]);
}

/**
 * The head of a multi-row insert of activities and the placeholders of one row. `ignore` for the seed,
 * which may run again over rows already there; every other writer wants a duplicate refused.
 */
export function activityInsert({ ignore = false }: { ignore?: boolean } = {}): { head: string; row: string } {
  return {
    head: `${ignore ? 'INSERT IGNORE INTO activity' : 'INSERT INTO activity'} (${PROPERTIES.map((p) => COLUMN_OF[p]).join(', ')})`,
    row: `(${PROPERTIES.map(() => '?').join(', ')})`,
  };
}

/** Inserts one activity. */
export async function insertActivity(q: Queryable, activity: ActivityRowValues): Promise<void> {
  const { head, row } = activityInsert();
  await q.query(`${head} VALUES ${row}`, activityValues(activity));
}
