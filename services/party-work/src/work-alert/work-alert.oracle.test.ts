import { addDays, addMonths, today } from '@pb/platform/calendar';
import { Viewer } from '@pb/platform/viewer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemberStage, STAGE_ORDER } from '../party-member/party-member.type.js';
import { RandomWrites } from '../random-writes.test-helper.js';
import { StaffRole } from '../staff/staff.type.js';
import { startTestApp, type TestApp } from '../test-support.js';
import { WorkAlertKind } from './work-alert.type.js';
import { oracleWorkAlerts } from './work-alert-oracle.test-helper.js';

/**
 * The work-alert oracle: after a seeded random sequence of writes that move alerts (members and their
 * development, talks, 民主评议 grades and their follow-ups, secretaries, activities of every type, branch and organization changes out of order),
 * the kept alerts — every kind's count for each scope, and the whole list — equal an independent
 * recomputation from the raw rows; and again after the day changes (a new day, a new quarter, Q4, a new
 * year), and after more writes on the new day. `ORACLE_SEED=n` reproduces a run.
 */
const MUTATIONS = 700;
const SEED = Number(process.env.ORACLE_SEED ?? 20261206);
const COUNTIES = ['330106', '330108', '330212', '440305', '110108'];
const SCOPES = [null, '330000', '330100', '330106', '440000', '110108'];
const admin = new Viewer('oracle', ['admin'], null);
const DAY = today();

let test: TestApp;

beforeAll(async () => {
  test = await startTestApp({ activityRecordingWindowDays: 400 });
});
afterAll(async () => {
  await test?.stop();
});

/** Every kept count and the whole kept list of each scope against the oracle, as of `day`. */
const seen = new Set<string>();
async function expectAlertsMatch(day: string) {
  const { workAlerts, workAlertKeeper } = test.app.services;
  expect(await workAlertKeeper.keptDay()).toBe(day);
  for (const scope of SCOPES) {
    const truth = await oracleWorkAlerts(test.app.dataSource, scope, day);
    for (const alert of truth) seen.add(alert.split('|')[0]!);
    const counts = await workAlerts.counts(scope, admin);
    expect({ scope, day, counts: Object.fromEntries(counts.map((c) => [c.kind, c.count])) }).toEqual({
      scope,
      day,
      counts: Object.fromEntries(
        Object.values(WorkAlertKind).map((kind) => [
          kind,
          truth.filter((l) => l.startsWith(`${kind}|`)).length,
        ]),
      ),
    });
    const kept: string[] = [];
    for (let afterSeq = 0; ; afterSeq += 200) {
      const page = await workAlerts.list(scope, null, { limit: 200, afterSeq }, admin);
      expect(page.totalCount).toBe(truth.length);
      for (const { node } of page.edges)
        kept.push(
          [
            node.kind,
            node.regionCode,
            (node.branch as { id: string } | null)?.id ?? '',
            node.member?.id ?? '',
            node.message,
            node.dueOn ?? '',
          ].join('|'),
        );
      if (!page.pageInfo.hasNextPage) break;
    }
    expect({ scope, day, alerts: kept.sort() }).toEqual({ scope, day, alerts: truth });
  }
}

describe('work alerts against the oracle', () => {
  it(
    `agree after ${MUTATIONS} seeded random writes, and after the day changes`,
    { timeout: 240_000 },
    async () => {
      const writes = new RandomWrites(test, SEED, DAY, COUNTIES);
      const { random, tally, memberIds } = writes;
      const pick = <T>(items: readonly T[]): T => writes.pick(items);
      const int = (min: number, max: number) => writes.int(min, max);
      const { partyMembers, staff, committees, workAlertKeeper } = test.app.services;
      await writes.setUp('900', 10, 8);
      // a branch just over the size limit, which the random writes take back and forth across it
      for (let i = 0; i < 52; i++)
        await writes.attempt(async () => {
          const member = await partyMembers.add(
            {
              name: `大支部党员${i}`,
              socialOrganizationId: writes.orgs[0]!.id,
              branchId: writes.branches[0]!.id,
              stage: MemberStage.FULL,
              stageSince: '2015-01-01',
            },
            admin,
          );
          memberIds.push(member.id);
        });
      // a branch with a committee established four years ago and never re-elected: its first term (3 years)
      // has ended, whatever elections the random writes record for the others (drawn from nothing random)
      const longStanding = writes.branches[1]!;
      Object.assign(longStanding, {
        establishedAt: addDays(DAY, -1500),
        hasCommittee: true,
        version: longStanding.version + 1,
      });
      await test.app.services.organizations.applyPartyOrganization(longStanding, longStanding.version);
      await expectAlertsMatch(DAY);
      const secretaries: string[] = [];

      const write = async (n: number, day: string) => {
        const roll = random();
        if (roll < 0.25 || memberIds.length < 5)
          await writes.addMember(
            n,
            random() < 0.6 ? [MemberStage.APPLICANT, MemberStage.ACTIVIST] : STAGE_ORDER,
          );
        else if (roll < 0.37) await writes.advanceMember();
        else if (roll < 0.4) {
          await tally.attempt(() =>
            partyMembers.extendProbation(
              { memberId: pick(memberIds), months: int(6, 12), effectiveOn: DAY, approvedBy: '支部党员大会' },
              admin,
            ),
          );
        } else if (roll < 0.43) await writes.endMembership();
        else if (roll < 0.47) await writes.transferMember();
        else if (roll < 0.51) await writes.recordAppraisal();
        else if (roll < 0.53) await writes.followUpAppraisal();
        else if (roll < 0.6) await writes.recordTalk();
        else if (roll < 0.67) {
          await tally.attempt(async () => {
            if (secretaries.length > 0 && random() < 0.4) {
              // ended up to 200 days ago: some vacancies within the 90-day grace, some past it
              await staff.end({ id: pick(secretaries), to: addDays(DAY, -int(0, 200)) }, admin);
            } else {
              const assignment = await staff.assign(
                {
                  partyOrganizationId: pick(writes.branches).id,
                  role: StaffRole.SECRETARY,
                  personName: '书记',
                  from: addDays(day, int(-300, 3)),
                },
                admin,
              );
              secretaries.push(assignment.id);
            }
          });
        } else if (roll < 0.71) await writes.recordTraining(day);
        else if (roll < 0.74)
          await (writes.posts.length > 0 && random() < 0.2 ? writes.endStaff(day) : writes.assignStaff(day));
        else if (roll < 0.88) await writes.recordActivity(n, random() < 0.2);
        else if (roll < 0.92) {
          // 换届: elections up to 8 years back (some terms long ended), some refused by order or establishment
          await tally.attempt(() =>
            committees.recordElection(
              {
                partyOrganizationId: pick(writes.branches).id,
                electedOn: addDays(DAY, -int(0, 2900)),
                termYears: random() < 0.2 ? 5 : null,
              },
              admin,
            ),
          );
        } else if (roll < 0.97) await writes.changeBranch(n);
        else await writes.moveOrganization();
      };

      for (let n = 1; n <= MUTATIONS; n++) await write(n, DAY);
      expect(tally.accepted).toBeGreaterThan(MUTATIONS * 0.5);
      await expectAlertsMatch(DAY);

      // the day changes: tomorrow, the next quarter's second day, 2 October (Q4: the yearly meetings), a new year
      const year = Number(DAY.slice(0, 4));
      const nextQuarter = addDays(
        addMonths(`${DAY.slice(0, 7)}-01`, 3 - ((Number(DAY.slice(5, 7)) - 1) % 3)),
        1,
      );
      const days = [
        addDays(DAY, 1),
        nextQuarter,
        `${year + (DAY >= `${year}-10-02` ? 1 : 0)}-10-02`,
        `${year + 2}-01-03`,
      ]
        .filter((d, i, all) => d > DAY && all.indexOf(d) === i)
        .sort();
      for (const [i, day] of days.entries()) {
        await workAlertKeeper.reconcile(day);
        await expectAlertsMatch(day);
        if (i === 0 || i === days.length - 1) {
          for (let n = 1; n <= 150; n++) await write(MUTATIONS + n, day);
          await expectAlertsMatch(day);
        }
      }
      // the sequence reached the interesting cases: every kind was raised at some point, most writes went through
      expect([...seen].sort()).toEqual(Object.values(WorkAlertKind).sort());
      expect(tally.accepted).toBeGreaterThan(tally.refused);
    },
  );
});
