import { seededRandom } from '@pb/demo-data';
import { addDays } from '@pb/platform/calendar';
import { Viewer } from '@pb/platform/viewer';
import { ActivityMode, ActivityPurpose, ActivityType } from './activity/activity.type.js';
import { AppraisalFollowUpAction, AppraisalGrade } from './member-life/member-life.type.js';
import type { PartyOrganizationSnapshot } from './organization-replica/organization-replica.service.js';
import {
  type MemberStage,
  MembershipEnd,
  MemberWorkRole,
  STAGE_ORDER,
} from './party-member/party-member.type.js';
import { StaffRole } from './staff/staff.type.js';
import { quarterlyFloors } from './statistics/activity-aggregates/activity-aggregates.js';
import { MutationTally, type TestApp } from './test-support.js';

const admin = new Viewer('oracle', ['admin'], null);
const uuid = (prefix: string, n: number) => `00000000-0000-4000-${prefix}-${String(n).padStart(12, '0')}`;

/**
 * The seeded random writes the oracle tests make through the services, as every write path makes them:
 * organizations and branches (their events duplicated and out of order), members and their development,
 * activities and corrections, talks. Each test mixes them in its own proportions; a write a rule refuses is
 * counted in `tally`, any other error fails the test.
 */
export class RandomWrites {
  readonly random: () => number;
  readonly tally = new MutationTally();
  readonly memberIds: string[] = [];
  readonly activityIds: string[] = [];
  readonly appraisalIds: string[] = [];
  /** Staff posts assigned, with the member holding each (null for someone who is not a member here). */
  readonly posts: Array<{ id: string; memberId: string | null }> = [];
  orgs: Array<{ id: string; regionCode: string; version: number }> = [];
  branches: Array<PartyOrganizationSnapshot & { version: number }> = [];

  constructor(
    private readonly test: TestApp,
    seed: number,
    private readonly day: string,
    private readonly counties: string[],
  ) {
    this.random = seededRandom(seed);
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)] as T;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  /** `organizations` organizations (the last one revoked) and `branches` Party organizations (the last a general branch). */
  async setUp(prefix: string, organizations: number, branches: number): Promise<void> {
    const { organizations: replica } = this.test.app.services;
    this.orgs = Array.from({ length: organizations }, (_, i) => ({
      id: uuid(`${prefix}1`, i),
      regionCode: this.pick(this.counties),
      version: 1,
    }));
    for (const [i, o] of this.orgs.entries())
      await replica.apply(
        {
          id: o.id,
          name: `组织${i}`,
          regionCode: o.regionCode,
          status: i === organizations - 1 ? 'REVOKED' : 'ACTIVE',
        },
        1,
      );
    this.branches = Array.from({ length: branches }, (_, i) => ({
      id: uuid(`${prefix}2`, i),
      name: `党支部${i}`,
      type: i === branches - 1 ? 'GENERAL_BRANCH' : 'BRANCH',
      formationMode: 'STANDALONE',
      regionCode: this.pick(this.counties),
      establishedAt: addDays(this.day, -this.int(30, 900)),
      dissolvedAt: null,
      hasCommittee: this.random() < 0.4,
      coveredOrganizationIds: [],
      version: 1,
    }));
    for (const b of this.branches) await replica.applyPartyOrganization(b, b.version);
  }

  attempt(write: () => Promise<unknown>): Promise<void> {
    return this.tally.attempt(write);
  }

  addMember(n: number, stages: readonly MemberStage[] = STAGE_ORDER, branchId?: string): Promise<void> {
    return this.attempt(async () => {
      const member = await this.test.app.services.partyMembers.add(
        {
          name: `成员${n}`,
          socialOrganizationId: this.pick(this.orgs).id,
          branchId: branchId ?? (this.random() < 0.8 ? this.pick(this.branches).id : null),
          stage: this.pick(stages),
          stageSince: addDays(this.day, -this.int(0, 1100)),
        },
        admin,
      );
      this.memberIds.push(member.id);
    });
  }

  /** Mostly to the next stage, sometimes to any (a rule refuses most of those). */
  advanceMember(): Promise<void> {
    return this.attempt(async () => {
      const { partyMembers, memberReads } = this.test.app.services;
      const memberId = this.pick(this.memberIds);
      const [member] = await memberReads.findMany([memberId], admin);
      const next =
        STAGE_ORDER[STAGE_ORDER.indexOf(member!.stage) + 1] ?? STAGE_ORDER[STAGE_ORDER.length - 1]!;
      await partyMembers.advance(
        {
          memberId,
          stage: this.random() < 0.9 ? next : this.pick(STAGE_ORDER),
          effectiveOn: addDays(this.day, -this.int(0, 500)),
          approvedBy: '支部党员大会',
          introducers: ['张伟', '李娜'],
          politicalReviewPassed: this.random() < 0.9,
        },
        admin,
      );
    });
  }

  endMembership(): Promise<void> {
    return this.attempt(() =>
      this.test.app.services.partyMembers.end(
        {
          memberId: this.pick(this.memberIds),
          reason: this.pick(Object.values(MembershipEnd)),
          effectiveOn: this.day,
          approvedBy: '支部委员会',
        },
        admin,
      ),
    );
  }

  /** Marks a member 管理层 or 业务骨干, or clears the mark (refused for a member off the rolls). */
  markWorkRole(): Promise<void> {
    return this.attempt(() =>
      this.test.app.services.partyMembers.setWorkRole(
        {
          memberId: this.pick(this.memberIds),
          workRole: this.pick([...Object.values(MemberWorkRole), null]),
        },
        admin,
      ),
    );
  }

  transferMember(): Promise<void> {
    return this.attempt(() =>
      this.test.app.services.partyMembers.transfer(
        {
          memberId: this.pick(this.memberIds),
          socialOrganizationId: this.pick(this.orgs).id,
          branchId: this.pick(this.branches).id,
          effectiveOn: this.day,
          approvedBy: '上级党委',
        },
        admin,
      ),
    );
  }

  /** A heart-to-heart talk with one to three members, held on one of the last 500 days (a year before too). */
  recordTalk(): Promise<void> {
    return this.attempt(() =>
      this.test.app.services.memberLife.recordTalk(
        {
          heldOn: addDays(this.day, -this.int(0, 500)),
          topic: '谈心谈话',
          talker: '支部书记',
          participantIds: Array.from({ length: this.int(1, 3) }, () => this.pick(this.memberIds)),
        },
        admin,
      ),
    );
  }

  /**
   * A 民主评议 grade on a day up to 400 days back, one in four 不合格 (a rule refuses
   * a member off the rolls or at an earlier stage, a second grade of a year, a day outside the year).
   */
  recordAppraisal(): Promise<void> {
    return this.attempt(async () => {
      const appraisedOn = addDays(this.day, -this.int(0, 400));
      // mostly a Party member on the rolls, as branches appraise; now and then anyone
      const party = (await this.test.app.dataSource.query(
        "SELECT id FROM party_member WHERE status = 'ACTIVE' AND stage IN ('FULL', 'PROBATIONARY') ORDER BY id",
      )) as Array<{ id: string }>;
      const memberId =
        party.length > 0 && this.random() < 0.8 ? this.pick(party).id : this.pick(this.memberIds);
      const appraisal = await this.test.app.services.memberLife.recordAppraisal(
        {
          memberId,
          // now and then a year the day is not in
          year: Number(appraisedOn.slice(0, 4)) - (this.random() < 0.1 ? 1 : 0),
          grade: this.random() < 0.25 ? AppraisalGrade.UNQUALIFIED : this.pick(Object.values(AppraisalGrade)),
          appraisedOn,
        },
        admin,
      );
      this.appraisalIds.push(appraisal.id);
    });
  }

  /** A follow-up of a grade (refused unless 不合格 and not yet followed up), decided up to 40 days after it. */
  followUpAppraisal(): Promise<void> {
    if (this.appraisalIds.length === 0) return this.recordAppraisal();
    return this.attempt(async () => {
      const { memberLife } = this.test.app.services;
      const appraisalId = this.pick(this.appraisalIds);
      const [row] = await this.test.app.dataSource.query(
        "SELECT DATE_FORMAT(appraised_on, '%Y-%m-%d') AS day FROM appraisal WHERE id = ?",
        [appraisalId],
      );
      const decided = addDays(row.day as string, this.int(0, 40));
      const action = this.pick(Object.values(AppraisalFollowUpAction));
      await memberLife.recordFollowUp(
        {
          appraisalId,
          action,
          decidedOn: decided > this.day ? this.day : decided,
          correctBy:
            action === AppraisalFollowUpAction.LIMITED_CORRECTION
              ? addDays(this.day, this.int(30, 300))
              : null,
        },
        admin,
      );
    });
  }

  /** An activity of a random branch (mostly 三会一课), or a correction of an earlier one (`correct`). */
  recordActivity(n: number, correct: boolean): Promise<void> {
    return this.attempt(async () => {
      const mode = this.pick(Object.values(ActivityMode));
      const expected = this.int(0, 40);
      const excused = this.int(0, Math.floor(expected / 4));
      const absent = this.int(0, expected - excused);
      const attending = expected - excused - absent;
      const online = mode === 'OFFLINE' ? 0 : mode === 'ONLINE' ? attending : this.int(0, attending);
      const correctsId = correct && this.activityIds.length > 0 ? this.pick(this.activityIds) : null;
      const branchId = correctsId
        ? ((
            await this.test.app.dataSource.query('SELECT branch_id FROM activity WHERE id = ?', [correctsId])
          )[0].branch_id as string)
        : this.pick(this.branches).id;
      const activity = await this.test.app.services.activities.record(
        {
          branchId,
          type:
            this.random() < 0.8
              ? this.pick(quarterlyFloors(true))[0]
              : this.pick(Object.values(ActivityType)),
          mode,
          title: `活动${n}`,
          // hours before the start of the day, not before now: the same seed writes the same activities
          // at any hour of the day (from now, an hour later moved those near a quarter's edge across it)
          heldAt: new Date(
            Date.parse(`${this.day}T00:00:00Z`) - this.int(1, 200 * 24) * 3600_000,
          ).toISOString(),
          expected,
          present: attending - online,
          online,
          excused,
          absent,
          correctsId,
          // from n, drawing nothing: the random sequence, and so every other write, stays as it was
          serves: [null, ...Object.values(ActivityPurpose)][n % 5] ?? null,
        },
        admin,
      );
      this.activityIds.push(activity.id);
    });
  }

  /**
   * A staff post of any role, held by a member or not, begun in the past or ahead, sometimes with an end
   * (refused when the member is outside the organization's region or two secretaries overlap).
   */
  assignStaff(day = this.day): Promise<void> {
    return this.attempt(async () => {
      const from = addDays(day, this.int(-700, 20));
      const post = await this.test.app.services.staff.assign(
        {
          partyOrganizationId: this.pick(this.branches).id,
          role: this.pick(Object.values(StaffRole)),
          personName: '党务工作者',
          memberId: this.random() < 0.5 && this.memberIds.length > 0 ? this.pick(this.memberIds) : null,
          from,
          to: this.random() < 0.2 ? addDays(from, this.int(0, 400)) : null,
        },
        admin,
      );
      this.posts.push({ id: post.id, memberId: post.memberId });
    });
  }

  /** Ends a post on a date around the day. */
  endStaff(day = this.day): Promise<void> {
    return this.attempt(() =>
      this.test.app.services.staff.end(
        { id: this.pick(this.posts).id, to: addDays(day, this.int(-30, 30)) },
        admin,
      ),
    );
  }

  /** Training of a member, or of a post's holder (by the member when a member holds it). */
  recordTraining(day = this.day): Promise<void> {
    return this.attempt(() => {
      const post = this.posts.length > 0 && this.random() < 0.5 ? this.pick(this.posts) : null;
      const memberId = post ? post.memberId : this.pick(this.memberIds);
      return this.test.app.services.memberLife.recordTraining(
        {
          memberId,
          staffAssignmentId: memberId ? null : post!.id,
          title: '集中培训',
          startedOn: addDays(day, -this.int(0, 500)),
          hours: this.int(8, 60),
        },
        admin,
      );
    });
  }

  /** A Party organization changes; its events arrive duplicated and out of order. */
  async changeBranch(n: number): Promise<void> {
    const { organizations } = this.test.app.services;
    const branch = this.pick(this.branches);
    const older = { ...branch };
    branch.version += 1;
    const change = this.random();
    if (change < 0.3) branch.hasCommittee = !branch.hasCommittee;
    else if (change < 0.6) branch.regionCode = this.pick(this.counties);
    else if (change < 0.7) branch.name = `党支部${n}`;
    else if (change < 0.9)
      branch.dissolvedAt = branch.dissolvedAt ? null : addDays(this.day, -this.int(0, 200));
    else branch.establishedAt = addDays(this.day, -this.int(0, 900));
    await organizations.applyPartyOrganization(branch, branch.version);
    await organizations.applyPartyOrganization(older, older.version);
    await organizations.applyPartyOrganization(branch, branch.version);
    this.tally.accepted += 1;
  }

  /** An organization moves to another region; an older event of it arrives after. */
  async moveOrganization(): Promise<void> {
    const { organizations } = this.test.app.services;
    const organization = this.pick(this.orgs);
    organization.version += 1;
    organization.regionCode = this.pick(this.counties);
    await organizations.apply(
      { id: organization.id, name: '组织', regionCode: organization.regionCode, status: 'ACTIVE' },
      organization.version,
    );
    await organizations.apply(
      { id: organization.id, name: '组织', regionCode: this.pick(this.counties), status: 'REVOKED' },
      organization.version - 1,
    );
    this.tally.accepted += 1;
  }
}
