import { badInput, forbidden } from '@pb/platform/errors';
import { type Connection, type Page, toConnection } from '@pb/platform/pagination';
import { regionLikePattern } from '@pb/platform/region-scope';
import { rolesAllowing, type Viewer } from '@pb/platform/viewer';
import type { DataSource } from 'typeorm';
import type { PartyWorkChangeWriter } from '../changes/party-work-changes.js';
import { type AuditedRequest, clip } from './audited-request.js';
import type { PersonalDataReadFilter } from './personal-data-read.input.js';
import { PersonalDataRead, PersonalDataReadField } from './personal-data-read.type.js';

/** The subject and roles columns' widths (see the AuditTrail migration). */
const SUBJECT_MAX = 255;
const ROLES_MAX = 128;
/** An ISO-8601 instant with its zone: a time without one would be read in the server's zone. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

interface PersonalDataReadRow {
  seq: string;
  viewer_subject: string;
  viewer_role: string;
  member_id: string | null;
  region_code: string | null;
  field: string;
  request_id: string;
  client_request_id: string | null;
  operation_name: string | null;
  filter: string | null;
  read_at: Date | string;
}

/**
 * The append-only audit log of personal data (PIPL Art. 55): each raw read is written before the value
 * leaves, and auditors (and admins) list the log in their region. A read of the log is written to it
 * too, before the rows are read, so looking at who looked is itself on record.
 */
export class PersonalDataReadService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly changes: PartyWorkChangeWriter,
  ) {}

  /** Writes one read; a failure here fails the read it records. */
  async record(
    read: {
      viewer: Viewer;
      field: PersonalDataReadField;
      memberId: string | null;
      regionCode: string | null;
      filter?: string | null;
    },
    request: AuditedRequest,
  ): Promise<void> {
    // UTC_TIMESTAMP, not the column default: the default is in the server's zone, and readAt is UTC
    await this.changes.write((manager) =>
      manager.query(
        `INSERT INTO personal_data_read
         (viewer_subject, viewer_role, member_id, region_code, field, request_id, client_request_id,
          operation_name, filter, read_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, UTC_TIMESTAMP(3))`,
        [
          clip(read.viewer.subject, SUBJECT_MAX),
          clip(read.viewer.roles.join(','), ROLES_MAX),
          read.memberId,
          read.regionCode,
          read.field,
          request.requestId,
          request.clientRequestId,
          request.operationName,
          read.filter ?? null,
        ],
      ),
    );
  }

  /**
   * The reads within the viewer's region matching the filter, newest first. Each condition is a range on
   * an index ending in `seq` (member, reader, region) or on `read_at`, so a page costs an index range.
   */
  async list(
    filter: PersonalDataReadFilter | null | undefined,
    page: Page,
    viewer: Viewer,
    request: AuditedRequest,
  ): Promise<Connection<PersonalDataRead>> {
    if (!viewer.can('read:audit')) {
      throw forbidden(
        `The audit log of personal data is read by the role ${rolesAllowing('read:audit').join(' or ')}; your role (${viewer.roles.join(', ') || 'none'}) may not.`,
      );
    }
    const scope = viewer.scope(filter?.regionCode, 'filter.regionCode');
    const memberId = bounded('filter.memberId', filter?.memberId, 36);
    const readerSubject = bounded('filter.readerSubject', filter?.readerSubject, SUBJECT_MAX);
    const from = instant('filter.from', filter?.from);
    const to = instant('filter.to', filter?.to);
    if (from && to && from >= to) throw badInput('filter.to', 'filter.to must be later than filter.from.');

    await this.record(
      {
        viewer,
        field: PersonalDataReadField.AUDIT_LOG,
        memberId: null,
        regionCode: scope,
        filter: JSON.stringify({
          memberId,
          readerSubject,
          regionCode: scope,
          from: from?.toISOString() ?? null,
          to: to?.toISOString() ?? null,
          first: page.limit,
          afterSeq: page.afterSeq || null,
        }),
      },
      request,
    );

    const where: string[] = [];
    const params: unknown[] = [];
    if (scope) {
      where.push('region_code LIKE ?');
      params.push(regionLikePattern(scope));
    }
    if (memberId) {
      where.push('member_id = ?');
      params.push(memberId);
    }
    if (readerSubject) {
      where.push('viewer_subject = ?');
      params.push(readerSubject);
    }
    if (from) {
      where.push('read_at >= ?');
      params.push(from);
    }
    if (to) {
      where.push('read_at < ?');
      params.push(to);
    }
    const condition = where.length ? where.join(' AND ') : '1 = 1';
    const [count] = (await this.dataSource.query(
      `SELECT COUNT(*) AS n FROM personal_data_read WHERE ${condition}`,
      params,
    )) as Array<{ n: string }>;
    // newest first: the cursor is the last seq shown, the next page lies below it
    const rows = (await this.dataSource.query(
      `SELECT seq, viewer_subject, viewer_role, member_id, region_code, field, request_id, client_request_id,
              operation_name, filter, read_at
         FROM personal_data_read
        WHERE ${condition}${page.afterSeq > 0 ? ' AND seq < ?' : ''}
        ORDER BY seq DESC LIMIT ?`,
      [...params, ...(page.afterSeq > 0 ? [page.afterSeq] : []), page.limit + 1],
    )) as PersonalDataReadRow[];
    return toConnection(rows, page, Number(count?.n ?? 0), toPersonalDataRead);
  }
}

function toPersonalDataRead(row: PersonalDataReadRow): PersonalDataRead {
  return Object.assign(new PersonalDataRead(), {
    id: String(row.seq),
    readAt: new Date(row.read_at).toISOString(),
    readerSubject: row.viewer_subject,
    readerRoles: row.viewer_role.split(',').filter(Boolean),
    field: row.field as PersonalDataReadField,
    memberId: row.member_id,
    regionCode: row.region_code,
    operationName: row.operation_name,
    requestId: row.request_id,
    clientRequestId: row.client_request_id,
    filter: row.filter,
  });
}

/** A filter value no longer than its column, which a longer one could never match. */
function bounded(field: string, value: string | null | undefined, max: number): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (Array.from(value).length > max) throw badInput(field, `${field} is at most ${max} characters.`);
  return value;
}

function instant(field: string, value: string | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  const time = INSTANT.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time)) {
    throw badInput(
      field,
      `${field} must be an ISO-8601 instant with a zone, such as 2026-12-06T08:00:00Z; got "${value}".`,
    );
  }
  return new Date(time);
}
