import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type WritePathRule, writesOutsideTheirPlace } from '@pb/platform/testing';
import { describe, expect, it } from 'vitest';

/**
 * party-work's copies learn of organizations and Party organizations only from the events the announcer
 * stages for the rows a writer marks. The functions that insert those rows mark them (each table's
 * `*.rows.ts`), and a change of a copied column bumps the version (else a consumer drops it as a
 * duplicate) in the two services' writes, beside the methods that mark their change sets. A write found elsewhere is a write path
 * that may forget its event; route it through those methods instead.
 */
const src = join(fileURLToPath(import.meta.url), '..', '..');

const RULES: WritePathRule[] = [
  {
    what: 'INSERT INTO social_organization (insertOrganizationRows)',
    pattern: /INSERT\s+(IGNORE\s+)?INTO\s+social_organization\b(?!_)/g,
    allowed: ['social-organization/social-organization.rows.ts'],
  },
  {
    what: 'INSERT INTO party_organization (insertPartyOrganizationRows)',
    pattern: /INSERT\s+(IGNORE\s+)?INTO\s+party_organization\b(?!_)/g,
    allowed: ['party-organization/party-organization.rows.ts'],
  },
  {
    what: 'UPDATE social_organization … version',
    pattern: /UPDATE\s+social_organization\b(?!_)[^;]*?\bversion\s*=\s*version\s*\+/g,
    allowed: ['social-organization/social-organization.service.ts'],
  },
  {
    what: 'UPDATE party_organization … version',
    pattern: /UPDATE\s+party_organization\b(?!_)[^;]*?\bversion\s*=\s*version\s*\+/g,
    allowed: ['party-organization/party-organization.service.ts'],
  },
];

describe('the write paths of copied records', () => {
  it('insert and version organizations and Party organizations only where the change is marked for its event', async () => {
    const found = await writesOutsideTheirPlace(src, RULES);
    expect(found).toEqual([]);
  });
});
