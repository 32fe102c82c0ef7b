import { type Connection, type Page, toConnection } from '@pb/platform/pagination';
import { regionLikePattern } from '@pb/platform/region-scope';
import type { Viewer } from '@pb/platform/viewer';
import type { DataSource } from 'typeorm';
import type { TalkFilter } from './member-life.input.js';
import { Talk } from './member-life.type.js';

interface TalkRow {
  seq: string;
  id: string;
  held_on: string;
  topic: string;
  talker: string;
  participants: string;
}

/**
 * 谈心谈话 as a viewer that reads records sees them: who talked with whom and when, with its topic, in the
 * viewer's region. A wall reads no talk: it shows figures only. Nothing here ranks people or counts talks
 * per person for display (the anti-formalism rule); a member's own list is the record of their talks.
 */
export class TalkReadService {
  constructor(private readonly dataSource: DataSource) {}

  /** Talks in the region (the viewer's when null), in the order recorded, by year, branch or member when asked. */
  async list(filter: TalkFilter | null | undefined, page: Page, viewer: Viewer): Promise<Connection<Talk>> {
    viewer.require('read:records');
    const scope = viewer.scope(filter?.regionCode, 'filter.regionCode');
    const where: string[] = [];
    const params: unknown[] = [];
    if (scope) {
      where.push('t.region_code LIKE ?');
      params.push(regionLikePattern(scope));
    }
    if (filter?.year) {
      where.push('t.held_on BETWEEN ? AND ?');
      params.push(`${filter.year}-01-01`, `${filter.year}-12-31`);
    }
    if (filter?.memberId) {
      where.push('EXISTS (SELECT 1 FROM talk_participant p WHERE p.talk_id = t.id AND p.member_id = ?)');
      params.push(filter.memberId);
    }
    if (filter?.branchId) {
      // a talk belongs to a branch through its members: any participant on the branch's rolls
      where.push(`EXISTS (SELECT 1 FROM talk_participant p JOIN party_member m ON m.id = p.member_id
                          WHERE p.talk_id = t.id AND m.branch_id = ?)`);
      params.push(filter.branchId);
    }
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const [count] = (await this.dataSource.query(
      `SELECT COUNT(*) AS n FROM talk t ${clause}`,
      params,
    )) as Array<{
      n: string;
    }>;
    // in the order recorded: the cursor is the insertion order, which keeps pages stable as talks are added
    const rows = (await this.dataSource.query(
      `SELECT t.seq, t.id, DATE_FORMAT(t.held_on, '%Y-%m-%d') AS held_on, t.topic, t.talker,
              (SELECT GROUP_CONCAT(p.member_id ORDER BY p.member_id) FROM talk_participant p WHERE p.talk_id = t.id)
                AS participants
       FROM talk t ${clause ? `${clause} AND` : 'WHERE'} t.seq > ?
       ORDER BY t.seq LIMIT ?`,
      [...params, page.afterSeq, page.limit + 1],
    )) as TalkRow[];
    return toConnection(rows, page, Number(count?.n ?? 0), toTalk);
  }

  /** The talks each member took part in, newest held first (one query for all of them). */
  async byMembers(memberIds: readonly string[]): Promise<Talk[][]> {
    if (memberIds.length === 0) return [];
    const rows = (await this.dataSource.query(
      `SELECT p.member_id, t.seq, t.id, DATE_FORMAT(t.held_on, '%Y-%m-%d') AS held_on, t.topic, t.talker,
              (SELECT GROUP_CONCAT(q.member_id ORDER BY q.member_id) FROM talk_participant q WHERE q.talk_id = t.id)
                AS participants
       FROM talk_participant p JOIN talk t ON t.id = p.talk_id
       WHERE p.member_id IN (?) ORDER BY t.held_on DESC, t.seq DESC`,
      [[...memberIds]],
    )) as Array<TalkRow & { member_id: string }>;
    return memberIds.map((id) => rows.filter((row) => row.member_id === id).map(toTalk));
  }
}

function toTalk(row: TalkRow): Talk {
  return Object.assign(new Talk(), {
    id: row.id,
    heldOn: row.held_on,
    topic: row.topic,
    talker: row.talker,
    participantIds: row.participants ? row.participants.split(',') : [],
  });
}
