import {
  addDays,
  addMonths,
  type Connection,
  type Page,
  quarterOf,
  quarterRange,
  regionLikePattern,
  toConnection,
  today,
  type Viewer,
} from '@pb/platform';
import type { DataSource } from 'typeorm';
import { quarterlyFloors } from '../activity/activity.service.js';
import { ActivityType } from '../activity/activity.type.js';
import type { PartyMemberService } from '../party-member/party-member.service.js';
import { partyOrganizationReference } from '../party-organization/party-organization.type.js';
import { ACTIVE_PARTY_ORGANIZATION, CURRENT_SECRETARY } from '../secretary-stats/secretary-stats.service.js';
import { WorkAlert, WorkAlertCount, WorkAlertKind } from './work-alert.type.js';

type Draft = Omit<WorkAlert, 'branch' | 'branchName' | 'member'> & {
  branchId: string | null;
  memberId: string | null;
};

/** Members a branch normally has at most (split above). */
export const BRANCH_MAX_MEMBERS = 50;
/**
 * A branch's size, the one measure everywhere (domain.md, structure): its full and probationary members.
 * Applicants, activists and candidates are not yet members. This alert is the only one on branch size;
 * organization, which knows only full-member counts, raises none.
 */
export const IN_BRANCH_SIZE = "m.stage IN ('FULL', 'PROBATIONARY')";

/**
 * Work alerts, computed on read from the rows in scope and ordered by kind, then region, then id, so a
 * cursor (the position in that order) stays meaningful between pages of one moment.
 */
export class WorkAlertService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly members: PartyMemberService,
  ) {}

  async list(
    regionCode: string | null | undefined,
    kinds: WorkAlertKind[] | null | undefined,
    page: Page,
    viewer: Viewer,
  ): Promise<Connection<WorkAlert>> {
    // a wall lists alerts by branch and kind; only a role that reads records sees who they name
    viewer.require('read:aggregates');
    const namesPeople = viewer.can('read:records');
    const { drafts, branchById } = await this.collect(viewer.scope(regionCode), kinds);
    const slice = drafts.slice(page.afterSeq, page.afterSeq + page.limit + 1);
    const memberIds = namesPeople
      ? slice.map((d) => d.memberId).filter((id): id is string => Boolean(id))
      : [];
    const members = new Map(
      (memberIds.length ? await this.members.findMany(memberIds, viewer) : [])
        .filter((m) => m)
        .map((m) => [m!.id, m!]),
    );
    return toConnection(
      slice.map((d, i) => ({ ...d, seq: page.afterSeq + i + 1 })),
      page,
      drafts.length,
      ({ branchId, memberId, seq: _seq, ...rest }) =>
        Object.assign(new WorkAlert(), {
          ...rest,
          message:
            memberId && !namesPeople ? `A member of this branch is overdue: ${rest.rule}.` : rest.message,
          branch: branchId ? partyOrganizationReference(branchId) : null,
          branchName: branchId ? (branchById.get(branchId)?.name ?? null) : null,
          member: memberId && namesPeople ? (members.get(memberId) ?? null) : null,
        }),
    );
  }

  /** How many alerts of each kind the scope has: exact, whatever a page of the list would hold. */
  async counts(regionCode: string | null | undefined, viewer: Viewer): Promise<WorkAlertCount[]> {
    viewer.require('read:aggregates');
    const { drafts } = await this.collect(viewer.scope(regionCode), null);
    const byKind = new Map<WorkAlertKind, number>();
    for (const draft of drafts) byKind.set(draft.kind, (byKind.get(draft.kind) ?? 0) + 1);
    return Object.values(WorkAlertKind).map((kind) =>
      Object.assign(new WorkAlertCount(), { kind, count: byKind.get(kind) ?? 0 }),
    );
  }

  /** Every alert of the kinds wanted (all when none) in the scope, as of today, in the order of the list. */
  private async collect(scope: string | null, kinds: WorkAlertKind[] | null | undefined) {
    const wanted = new Set(kinds?.length ? kinds : Object.values(WorkAlertKind));
    const day = today();
    const drafts: Draft[] = [];
    const region = (alias: string) => (scope ? `AND ${alias}.region_code LIKE ?` : '');
    const params = scope ? [regionLikePattern(scope)] : [];
    const branches = (await this.dataSource.query(
      `SELECT id, name, region_code, has_committee, established_at FROM party_organization_replica b
       WHERE b.type = 'BRANCH' AND ${ACTIVE_PARTY_ORGANIZATION('b')} ${region('b')}`,
      [day, day, ...params],
    )) as Array<{
      id: string;
      name: string;
      region_code: string;
      has_committee: number;
      established_at: string;
    }>;
    // the branches by id: for the alerts about their members, and for the name a wall shows
    const branchById = new Map(branches.map((b) => [b.id, b]));

    const quarter = quarterOf(day);
    const { from } = quarterRange(quarter);
    const previous = quarterOf(addDays(from, -1));
    if (
      wanted.has(WorkAlertKind.COMPLIANCE_BEHIND_PACE) ||
      wanted.has(WorkAlertKind.COMPLIANCE_QUARTER_SHORT)
    ) {
      const held = await this.heldByBranch([quarter, previous], scope);
      const elapsed = (Date.parse(`${day}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86400_000 + 1;
      const length =
        (Date.parse(`${quarterRange(quarter).to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86400_000 +
        1;
      for (const b of branches) {
        for (const [type, floor] of quarterlyFloors(Boolean(b.has_committee))) {
          const pace = Math.floor((floor * elapsed) / length);
          const now = held.get(`${b.id}|${quarter}|${type}`) ?? 0;
          if (wanted.has(WorkAlertKind.COMPLIANCE_BEHIND_PACE) && now < pace)
            drafts.push(
              this.branchAlert(
                WorkAlertKind.COMPLIANCE_BEHIND_PACE,
                b,
                `三会一课 ${type}: ${floor} per quarter`,
                `${b.name}: ${now} ${type} in ${quarter}, ${pace} due by now.`,
                null,
              ),
            );
          const last = held.get(`${b.id}|${previous}|${type}`) ?? 0;
          if (
            wanted.has(WorkAlertKind.COMPLIANCE_QUARTER_SHORT) &&
            last < floor &&
            b.established_at <= quarterRange(previous).to
          )
            drafts.push(
              this.branchAlert(
                WorkAlertKind.COMPLIANCE_QUARTER_SHORT,
                b,
                `三会一课 ${type}: ${floor} per quarter`,
                `${b.name}: ${last} of ${floor} ${type} in ${previous}.`,
                quarterRange(previous).to,
              ),
            );
        }
      }
    }
    if (day.slice(5) >= '10-01') {
      for (const [kind, type, label] of [
        [
          WorkAlertKind.ORGANIZATIONAL_LIFE_MEETING_MISSING,
          'ORGANIZATIONAL_LIFE_MEETING',
          '组织生活会 at least once a year',
        ],
        [WorkAlertKind.DEMOCRATIC_APPRAISAL_MISSING, 'DEMOCRATIC_APPRAISAL', '民主评议党员 once a year'],
      ] as const) {
        if (!wanted.has(kind)) continue;
        const rows = (await this.dataSource.query(
          // the (quarter, region_code, superseded_by) index narrows it to the year and the scope
          `SELECT DISTINCT a.branch_id FROM activity a WHERE a.quarter IN (?) AND a.superseded_by IS NULL
             AND a.type = ? ${region('a')}`,
          [[1, 2, 3, 4].map((q) => `${day.slice(0, 4)}Q${q}`), type, ...params],
        )) as Array<{ branch_id: string }>;
        const done = new Set(rows.map((r) => r.branch_id));
        for (const b of branches)
          if (!done.has(b.id))
            drafts.push(
              this.branchAlert(
                kind,
                b,
                label,
                `${b.name} has not held ${type} in ${day.slice(0, 4)}.`,
                `${day.slice(0, 4)}-12-31`,
              ),
            );
      }
    }
    if (wanted.has(WorkAlertKind.NO_SECRETARY)) {
      // the complement of secretaryStats' branchesWithSecretary: one definition of a current secretary
      const rows = (await this.dataSource.query(
        `SELECT DISTINCT s.party_organization_id AS id FROM party_organization_replica b
         JOIN staff_assignment s ON s.party_organization_id = b.id
         WHERE b.type = 'BRANCH' ${region('b')} AND ${CURRENT_SECRETARY('s')}`,
        [...params, day, day],
      )) as Array<{ id: string }>;
      const staffed = new Set(rows.map((r) => r.id));
      for (const b of branches)
        if (!staffed.has(b.id))
          drafts.push(
            this.branchAlert(
              WorkAlertKind.NO_SECRETARY,
              b,
              'a branch has a secretary',
              `${b.name} has no secretary.`,
              null,
            ),
          );
    }
    if (wanted.has(WorkAlertKind.BRANCH_TOO_LARGE)) {
      const rows = (await this.dataSource.query(
        `SELECT branch_id, COUNT(*) AS n FROM party_member m
          WHERE status = 'ACTIVE' AND ${IN_BRANCH_SIZE} AND branch_id IS NOT NULL ${region('m')}
         GROUP BY branch_id HAVING COUNT(*) > ?`,
        [...params, BRANCH_MAX_MEMBERS],
      )) as Array<{ branch_id: string; n: string }>;
      for (const r of rows) {
        const b = branchById.get(r.branch_id);
        if (b)
          drafts.push(
            this.branchAlert(
              WorkAlertKind.BRANCH_TOO_LARGE,
              b,
              `a branch has at most ${BRANCH_MAX_MEMBERS} members`,
              `${b.name} has ${r.n} full and probationary members; split it or set up a general branch.`,
              null,
            ),
          );
      }
    }
    await this.memberAlerts(drafts, wanted, day, region('m'), params);

    drafts.sort(
      (a, b) =>
        a.kind.localeCompare(b.kind) ||
        a.regionCode.localeCompare(b.regionCode) ||
        (a.branchId ?? a.memberId ?? '').localeCompare(b.branchId ?? b.memberId ?? ''),
    );
    return { drafts, branchById };
  }

  private async memberAlerts(
    drafts: Draft[],
    wanted: Set<WorkAlertKind>,
    day: string,
    region: string,
    params: string[],
  ) {
    if (wanted.has(WorkAlertKind.APPLICANT_TALK_OVERDUE)) {
      const rows = (await this.dataSource.query(
        `SELECT m.id, m.name, m.region_code, m.branch_id, DATE_FORMAT(m.applied_on, '%Y-%m-%d') AS applied_on FROM party_member m
         WHERE m.status = 'ACTIVE' AND m.stage = 'APPLICANT' AND m.applied_on IS NOT NULL AND m.applied_on < ? ${region}
           AND NOT EXISTS (SELECT 1 FROM talk_participant t WHERE t.member_id = m.id
                           AND t.held_on BETWEEN m.applied_on AND DATE_ADD(m.applied_on, INTERVAL 1 MONTH))`,
        [addMonths(day, -1), ...params],
      )) as MemberRow[];
      for (const m of rows)
        drafts.push(
          this.memberAlert(
            WorkAlertKind.APPLICANT_TALK_OVERDUE,
            m,
            'a talk within 1 month of the application',
            `${m.name} applied on ${m.applied_on}; no talk within a month.`,
            addMonths(m.applied_on as string, 1),
          ),
        );
    }
    if (wanted.has(WorkAlertKind.ACTIVIST_REVIEW_OVERDUE)) {
      const rows = (await this.dataSource.query(
        `SELECT m.id, m.name, m.region_code, m.branch_id, DATE_FORMAT(m.stage_since, '%Y-%m-%d') AS stage_since FROM party_member m
         WHERE m.status = 'ACTIVE' AND m.stage = 'ACTIVIST' AND m.stage_since <= ? ${region}
           AND NOT EXISTS (SELECT 1 FROM talk_participant t WHERE t.member_id = m.id AND t.held_on > ?)`,
        [addMonths(day, -6), ...params, addMonths(day, -6)],
      )) as MemberRow[];
      for (const m of rows)
        drafts.push(
          this.memberAlert(
            WorkAlertKind.ACTIVIST_REVIEW_OVERDUE,
            m,
            'an activist is reviewed every 6 months',
            `${m.name}: activist since ${m.stage_since}, no review (talk) in 6 months.`,
            null,
          ),
        );
    }
    if (wanted.has(WorkAlertKind.PROBATION_UNDECIDED)) {
      const rows = (await this.dataSource.query(
        `SELECT m.id, m.name, m.region_code, m.branch_id,
                DATE_FORMAT(DATE_ADD(m.stage_since, INTERVAL 12 + m.probation_extended_months MONTH), '%Y-%m-%d') AS ends_on
         FROM party_member m
         WHERE m.status = 'ACTIVE' AND m.stage = 'PROBATIONARY'
           AND DATE_ADD(m.stage_since, INTERVAL 12 + m.probation_extended_months MONTH) < ? ${region}`,
        [day, ...params],
      )) as MemberRow[];
      for (const m of rows)
        drafts.push(
          this.memberAlert(
            WorkAlertKind.PROBATION_UNDECIDED,
            m,
            'probation 1 year (plus any extension), then decided',
            `${m.name}: probation ended ${m.ends_on}, not yet decided.`,
            m.ends_on as string,
          ),
        );
    }
  }

  private async heldByBranch(quarters: string[], scope: string | null): Promise<Map<string, number>> {
    // the held counts the statistics keep per branch and quarter (branch_quarter)
    const rows = (await this.dataSource.query(
      `SELECT q.* FROM party_organization_replica b JOIN branch_quarter q ON q.branch_id = b.id AND q.quarter IN (?)
       WHERE b.type = 'BRANCH' ${scope ? 'AND b.region_code LIKE ?' : ''}`,
      [quarters, ...(scope ? [regionLikePattern(scope)] : [])],
    )) as Array<Record<string, string | number>>;
    const held = new Map<string, number>();
    for (const r of rows)
      for (const type of Object.values(ActivityType))
        if (r[type.toLowerCase()] !== undefined)
          held.set(`${r.branch_id}|${r.quarter}|${type}`, Number(r[type.toLowerCase()]));
    return held;
  }

  private branchAlert(
    kind: WorkAlertKind,
    b: { id: string; region_code: string },
    rule: string,
    message: string,
    dueOn: string | null,
  ): Draft {
    return { kind, rule, message, regionCode: b.region_code, branchId: b.id, memberId: null, dueOn };
  }

  private memberAlert(
    kind: WorkAlertKind,
    m: MemberRow,
    rule: string,
    message: string,
    dueOn: string | null,
  ): Draft {
    return { kind, rule, message, regionCode: m.region_code, branchId: m.branch_id, memberId: m.id, dueOn };
  }
}

type MemberRow = {
  id: string;
  name: string;
  region_code: string;
  branch_id: string | null;
  applied_on?: string;
  stage_since?: string;
  ends_on?: string;
};
