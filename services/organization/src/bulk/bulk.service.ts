import {
  readTable,
  runImport,
  type TableInput,
  type TableRow,
  toCsv,
  type Validation,
} from '@pb/platform/bulk';
import type { ImportReport } from '@pb/platform/bulk-graphql';
import type { Viewer } from '@pb/platform/viewer';
import { GraphQLError } from 'graphql';
import type { DataSource, EntityManager } from 'typeorm';
import { today } from '../dates.js';
import type { Announcer, ChangeSet } from '../events/announcer.js';
import type { SocialOrganizationFilter } from '../social-organization/social-organization.input.js';
import type { SocialOrganizationQueries } from '../social-organization/social-organization.queries.js';
import type { Registration } from '../social-organization/social-organization.rules.js';
import type { SocialOrganizationService } from '../social-organization/social-organization.service.js';
import {
  CharterClause,
  RegistrationLevel,
  SocialOrganizationType,
} from '../social-organization/social-organization.type.js';

/** The columns of an organization file, in export order; imports also take the Chinese headers. */
export const ORGANIZATION_COLUMNS = [
  'uscc',
  'name',
  'type',
  'regionCode',
  'registeredAt',
  'registrationAuthority',
  'registrationLevel',
  'category',
  'supervisingUnit',
  'staffCount',
  'charterClause',
] as const;

const CHINESE_HEADERS: Record<string, (typeof ORGANIZATION_COLUMNS)[number]> = {
  统一社会信用代码: 'uscc',
  名称: 'name',
  类型: 'type',
  行政区划代码: 'regionCode',
  登记日期: 'registeredAt',
  登记管理机关: 'registrationAuthority',
  登记级别: 'registrationLevel',
  类别: 'category',
  业务主管单位: 'supervisingUnit',
  从业人数: 'staffCount',
  章程党建条款: 'charterClause',
};

/** Columns a row must carry a value in. */
const REQUIRED = [
  'uscc',
  'name',
  'type',
  'regionCode',
  'registeredAt',
  'registrationAuthority',
  'staffCount',
];

/**
 * Bulk import and export of social organizations, on the platform's bulk module. An import validates
 * each row with the same rules as `registerSocialOrganization`, writes the good rows one transaction per
 * batch, and is idempotent on the USCC: a USCC already registered has its descriptive fields updated
 * (recorded as a change) when they differ, and counts as unchanged when they do not (or when it has
 * ended); its region never changes. Rows are written by the social organization service's own methods
 * inside `Announcer.within`, so each batch stages the events of the organizations it added or changed
 * and commits them with it, and is announced after its commit, as a registration is.
 */
export class BulkService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly socialOrganizations: SocialOrganizationService,
    private readonly socialOrganizationQueries: SocialOrganizationQueries,
    private readonly announcer: Announcer,
  ) {}

  async importOrganizations(
    input: TableInput,
    viewer: Viewer,
    onProgress: (done: number) => void = () => {},
  ): Promise<ImportReport> {
    viewer.require('write:records');
    // the change set of each batch written, announced once its transaction has committed
    let written: ChangeSet[] = [];
    // announcements go out in order, after each batch's commit; the import returns once they are out
    let announcing = Promise.resolve();
    const report = await runImport<Registration>({
      rows: readTable(input),
      dataSource: this.dataSource,
      validate: (row) => this.validate(row, viewer),
      writeBatch: async (items, manager) => {
        // new and changed organizations alike are written by the service's methods, which mark them; the
        // announcer stages their events in this batch's transaction, so a batch that rolls back leaves none
        const { value, changes } = await this.announcer.within(manager, (changes) =>
          this.writeBatch(items, manager, viewer, changes),
        );
        written.push(changes);
        return value;
      },
      onProgress: (done) => {
        // each batch committed (or was rolled back and written again row by row) before this runs
        const batches = written;
        written = [];
        announcing = announcing.then(async () => {
          for (const changes of batches) await this.announcer.announce(changes);
        });
        onProgress(done);
      },
    });
    await announcing;
    return report;
  }

  /** Writes one batch: registers the new USCCs, updates the known ones whose description differs. */
  private async writeBatch(
    items: Array<{ item: Registration }>,
    manager: EntityManager,
    viewer: Viewer,
    changes: ChangeSet,
  ): Promise<{ imported: number; unchanged: number }> {
    let imported = 0;
    let unchanged = 0;
    const existing = new Map<string, Record<string, unknown>>();
    const rows = (await manager.query(
      `SELECT id, uscc, name, type, region_code, status, registration_authority, registration_level, category,
              supervising_unit, staff_count FROM social_organization WHERE uscc IN (?) FOR UPDATE`,
      [items.map((i) => i.item.uscc)],
    )) as Array<Record<string, unknown>>;
    for (const row of rows) existing.set(String(row.uscc), row);
    for (const { item } of items) {
      const current = existing.get(item.uscc);
      if (!current) {
        const id = await this.socialOrganizations.insertRegistration(manager, item, viewer.subject, changes);
        existing.set(item.uscc, {
          ...describe(item),
          id,
          uscc: item.uscc,
          region_code: item.regionCode,
          status: 'ACTIVE',
        });
        imported++;
        continue;
      }
      const wanted = describe(item);
      const changed = Object.keys(wanted).filter(
        (key) => String(wanted[key] ?? '') !== String(current[key] ?? ''),
      );
      // an organization that has ended changes no more (as `updateSocialOrganization` refuses)
      if (changed.length === 0 || current.status !== 'ACTIVE') {
        unchanged++;
        continue;
      }
      const values = Object.fromEntries(changed.map((key) => [key, wanted[key]]));
      await this.socialOrganizations.updateDescription(
        manager,
        { id: String(current.id), regionCode: String(current.region_code) },
        values,
        today(),
        viewer.subject,
        changes,
      );
      existing.set(item.uscc, { ...current, ...values });
      imported++;
    }
    return { imported, unchanged };
  }

  private async validate(row: TableRow, viewer: Viewer): Promise<Validation<Registration>> {
    const values: Record<string, string> = {};
    for (const [header, value] of Object.entries(row.values)) {
      values[CHINESE_HEADERS[header] ?? header] = value;
    }
    const problems: Array<{ field?: string; message: string }> = [];
    for (const field of REQUIRED) {
      if (!values[field]) problems.push({ field, message: `${field} is required` });
    }
    const type = oneOf(values, 'type', SocialOrganizationType, problems);
    const level = oneOf(values, 'registrationLevel', RegistrationLevel, problems);
    const clause = oneOf(values, 'charterClause', CharterClause, problems);
    const staffCount = Number(values.staffCount);
    if (values.staffCount && !/^\d+$/.test(values.staffCount)) {
      problems.push({ field: 'staffCount', message: 'staffCount must be a whole number, 0 or more' });
    }
    if (problems.length > 0) return { problems };
    try {
      const registration = this.socialOrganizations.validateRegistration(
        {
          uscc: values.uscc!,
          name: values.name!,
          type: type!,
          regionCode: values.regionCode!,
          registeredAt: values.registeredAt!,
          registrationAuthority: values.registrationAuthority!,
          registrationLevel: level ?? null,
          category: values.category || null,
          supervisingUnit: values.supervisingUnit || null,
          staffCount,
          charterClause: clause ?? null,
        },
        '',
      );
      viewer.requireWithin(registration.regionCode);
      return { item: registration };
    } catch (error) {
      if (error instanceof GraphQLError) {
        const field = error.extensions?.field;
        return {
          problems: [{ field: typeof field === 'string' ? field : undefined, message: error.message }],
        };
      }
      throw error;
    }
  }

  /** A filtered list of organizations as CSV (the import's columns, so an export can be imported again). */
  async exportOrganizations(
    filter: SocialOrganizationFilter | null | undefined,
    viewer: Viewer,
  ): Promise<string> {
    const rows: unknown[][] = [];
    for await (const chunk of this.socialOrganizationQueries.listAll(filter, viewer)) {
      for (const o of chunk) {
        rows.push([
          o.uscc,
          o.name,
          o.type,
          o.regionCode,
          o.registeredAt,
          o.registrationAuthority,
          o.registrationLevel,
          o.category,
          o.supervisingUnit,
          o.staffCount,
          o.charterClause,
        ]);
      }
    }
    return toCsv([...ORGANIZATION_COLUMNS], rows);
  }
}

/** A column's value when it is one of `allowed`'s (a problem naming them otherwise); undefined when empty. */
function oneOf<E extends string>(
  values: Record<string, string>,
  field: string,
  allowed: Record<string, E>,
  problems: Array<{ field?: string; message: string }>,
): E | undefined {
  const value = values[field] || undefined;
  if (value && !(Object.values(allowed) as string[]).includes(value)) {
    problems.push({ field, message: `${field} must be one of ${Object.values(allowed).join(', ')}` });
  }
  return value as E | undefined;
}

/** The descriptive columns an import may update, keyed by column name. */
function describe(item: Registration): Record<string, unknown> {
  return {
    name: item.name,
    type: item.type,
    registration_authority: item.registrationAuthority,
    registration_level: item.registrationLevel,
    category: item.category,
    supervising_unit: item.supervisingUnit,
    staff_count: item.staffCount,
  };
}
