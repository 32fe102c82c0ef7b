import { type Connection, type Page, toConnection } from '@pb/platform/pagination';
import { regionLikePattern } from '@pb/platform/region-scope';
import type { Viewer } from '@pb/platform/viewer';
import type { DataSource } from 'typeorm';
import type { PartyMemberReadService } from '../party-member/party-member-read.service.js';
import { partyOrganizationReference } from '../party-organization/party-organization.type.js';
import { WorkAlert, WorkAlertCount, WorkAlertKind } from './work-alert.type.js';

interface AlertRow {
  kind: WorkAlertKind;
  rule: string;
  message: string;
  region_code: string;
  branch_id: string | null;
  member_id: string | null;
  due_on: string | null;
  branch_name: string | null;
}

/**
 * Work alerts as the keeper keeps them (WorkAlertKeeper): a list is an indexed, paged read in (kind,
 * region, subject) order, so a cursor (the position in that order) stays meaningful between pages of one
 * moment; a count is a sum over the region cells in scope.
 */
export class WorkAlertService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly members: PartyMemberReadService,
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
    const scope = viewer.scope(regionCode);
    const wanted = kinds?.length ? [...new Set(kinds)] : Object.values(WorkAlertKind);
    const rows = (await this.dataSource.query(
      `SELECT w.kind, w.rule, w.message, w.region_code, w.branch_id, w.member_id,
              DATE_FORMAT(w.due_on, '%Y-%m-%d') AS due_on, b.name AS branch_name
       FROM work_alert w LEFT JOIN party_organization_replica b ON b.id = w.branch_id
       WHERE w.kind IN (?) ${scope ? 'AND w.region_code LIKE ?' : ''}
       ORDER BY w.kind, w.region_code, w.subject_id, w.rule_key LIMIT ? OFFSET ?`,
      [wanted, ...(scope ? [regionLikePattern(scope)] : []), page.limit + 1, page.afterSeq],
    )) as AlertRow[];
    const total = (await this.countKinds(scope, wanted)).reduce((sum, { count }) => sum + count, 0);
    const memberIds = namesPeople
      ? rows.map((r) => r.member_id).filter((id): id is string => Boolean(id))
      : [];
    const members = new Map(
      (memberIds.length ? await this.members.findMany(memberIds, viewer) : [])
        .filter((m) => m)
        .map((m) => [m!.id, m!]),
    );
    return toConnection(
      rows.map((row, i) => ({ ...row, seq: page.afterSeq + i + 1 })),
      page,
      total,
      (row) =>
        Object.assign(new WorkAlert(), {
          kind: row.kind,
          rule: row.rule,
          regionCode: row.region_code,
          dueOn: row.due_on,
          message:
            row.member_id && !namesPeople ? `A member of this branch is overdue: ${row.rule}.` : row.message,
          branch: row.branch_id ? partyOrganizationReference(row.branch_id) : null,
          branchName: row.branch_name,
          member: row.member_id && namesPeople ? (members.get(row.member_id) ?? null) : null,
        }),
    );
  }

  /** How many alerts of each kind the scope has: exact, whatever a page of the list would hold. */
  async counts(regionCode: string | null | undefined, viewer: Viewer): Promise<WorkAlertCount[]> {
    viewer.require('read:aggregates');
    return this.countKinds(viewer.scope(regionCode), Object.values(WorkAlertKind));
  }

  /** The sum over the region cells in scope, per kind, zeros included. */
  private async countKinds(scope: string | null, kinds: WorkAlertKind[]): Promise<WorkAlertCount[]> {
    const rows = (await this.dataSource.query(
      `SELECT kind, SUM(alerts) AS n FROM work_alert_cell
       WHERE kind IN (?) ${scope ? 'AND region_code LIKE ?' : ''} GROUP BY kind`,
      [kinds, ...(scope ? [regionLikePattern(scope)] : [])],
    )) as Array<{ kind: WorkAlertKind; n: string }>;
    const byKind = new Map(rows.map((r) => [r.kind, Number(r.n)]));
    return kinds.map((kind) => Object.assign(new WorkAlertCount(), { kind, count: byKind.get(kind) ?? 0 }));
  }
}
