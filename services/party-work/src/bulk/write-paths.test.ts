import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type WritePathRule, writesOutsideTheirPlace } from '@pb/platform/testing';
import { describe, expect, it } from 'vitest';

/**
 * Members and activities are inserted in one place each, which writes what every insert owes: a member's
 * full-member count and its `FullMemberCountChanged` event in the same transaction (`insertPrepared` of the
 * member service), an activity's statistics cells (`insertPrepared` of the activity service); the
 * mutations and the imports both call them within the ChangeWriter, which announces them. Both go through
 * the one writer of their rows (party-member.rows.ts, activity.rows.ts), as does the seed, which loads
 * both in bulk and derives counters and cells from the rows it loaded, at the version the organization
 * subgraph's seed assumes. An insert found anywhere else is a write path that may leave them behind.
 */
const src = join(fileURLToPath(import.meta.url), '..', '..');

const RULES: WritePathRule[] = [
  {
    what: 'INSERT INTO party_member',
    pattern: /INSERT\s+(IGNORE\s+)?INTO\s+party_member\b(?!_)|getRepository\(PartyMemberEntity\)\s*\.insert/g,
    allowed: ['party-member/party-member.rows.ts'],
  },
  {
    what: 'INSERT INTO activity',
    pattern: /INSERT\s+(IGNORE\s+)?INTO\s+activity\b(?!_)/g,
    allowed: ['activity/activity.rows.ts'],
  },
  {
    // a grade's cell and its member's follow-up alert are written with it (insertAppraisal); the seed
    // rebuilds both from the rows it loaded
    what: 'INSERT INTO appraisal',
    pattern: /INSERT\s+(IGNORE\s+)?INTO\s+appraisal\b(?!_)/g,
    allowed: ['member-life/member-life.service.ts', 'seed/seed-members.ts'],
  },
];

describe('the write paths of members and activities', () => {
  it('insert members and activities only where their counts, events and cells are written with them', async () => {
    const found = await writesOutsideTheirPlace(src, RULES);
    expect(found).toEqual([]);
  });
});
