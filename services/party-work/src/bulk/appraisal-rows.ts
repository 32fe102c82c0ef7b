import type { TableRow, Validation } from '@pb/platform/bulk';
import { isWithinRegion } from '@pb/platform/region-scope';
import type { Viewer } from '@pb/platform/viewer';
import type { DataSource, EntityManager } from 'typeorm';
import type { PartyWorkChanges } from '../changes/party-work-changes.js';
import { readAppraisal, refuseSecondGrade, refuseUnlessPartyMember } from '../member-life/appraisal.rules.js';
import type { MemberLifeService, PreparedAppraisal } from '../member-life/member-life.service.js';
import type { AppraisalGrade } from '../member-life/member-life.type.js';
import type { PersonalDataCipher } from '../personal-data/personal-data.cipher.js';
import { columns, enumValue, GRADES, type Problems, userChecked } from './bulk.columns.js';

/**
 * An appraisal row checked as `recordAppraisal` checks its input: the member named by its ID number (in
 * the operator's region), the year and day, a Party member on the rolls, and one grade a year. The same
 * grade of the same year again is unchanged (the batch skips it); another grade of a year already graded
 * is refused, as the mutation refuses it.
 */
export async function validateAppraisal(
  dataSource: DataSource,
  cipher: PersonalDataCipher,
  row: TableRow,
  viewer: Viewer,
): Promise<Validation<PreparedAppraisal>> {
  const values = columns(row);
  const problems: Problems = [];
  const grade = enumValue('grade', values.grade, GRADES, undefined, problems);
  const year = /^\d{4}$/.test(values.year?.trim() ?? '') ? Number(values.year) : Number.NaN;
  if (Number.isNaN(year))
    problems.push({
      field: 'year',
      message: `year (年度) must be a year such as 2026, got "${values.year ?? ''}"`,
    });
  const idNumber = values.idNumber?.trim().toUpperCase();
  const [member] = idNumber
    ? ((await dataSource.query(
        'SELECT id, region_code, stage, status FROM party_member WHERE id_number_hash = ?',
        [cipher.hash('id', idNumber)],
      )) as Array<{ id: string; region_code: string; stage: string; status: string }>)
    : [];
  if (!member || !isWithinRegion(member.region_code, viewer.regionCode))
    problems.push({
      field: 'idNumber',
      message: `no member with idNumber (身份证号) "${idNumber ?? ''}" in your region`,
    });
  if (problems.length > 0 || !member) return { problems };
  return userChecked(async () => {
    const prepared = {
      memberId: member.id,
      grade: grade as AppraisalGrade,
      ...readAppraisal({
        memberId: member.id,
        year,
        grade: grade as AppraisalGrade,
        appraisedOn: values.appraisedOn || null,
      }),
    };
    refuseUnlessPartyMember(member);
    const [existing] = (await dataSource.query(
      'SELECT grade FROM appraisal WHERE member_id = ? AND year = ?',
      [member.id, year],
    )) as Array<{ grade: string }>;
    if (existing && existing.grade !== prepared.grade) refuseSecondGrade(year);
    return prepared;
  });
}

/**
 * A batch's grades not yet recorded, inserted as `recordAppraisal` inserts them; a grade of that member and
 * year already there (or earlier in the file) is unchanged. How many were new.
 */
export async function insertNewAppraisals(
  memberLife: MemberLifeService,
  manager: EntityManager,
  items: PreparedAppraisal[],
  viewer: Viewer,
  changes: PartyWorkChanges,
): Promise<number> {
  let imported = 0;
  for (const item of items) {
    const existing = await manager.query('SELECT 1 FROM appraisal WHERE member_id = ? AND year = ?', [
      item.memberId,
      item.year,
    ]);
    if (existing.length > 0) continue;
    await memberLife.insertAppraisal(manager, item, viewer, changes);
    imported += 1;
  }
  return imported;
}
