import type { TableRow, Validation } from '@pb/platform/bulk';
import { regionLikePattern } from '@pb/platform/region-scope';
import type { Viewer } from '@pb/platform/viewer';
import type { DataSource } from 'typeorm';
import { type PreparedTraining, prepareTraining } from '../member-life/training.js';
import type { PersonalDataCipher } from '../personal-data/personal-data.cipher.js';
import { columns, type Problems, userChecked } from './bulk.columns.js';

/**
 * A training row checked as `recordTraining` checks its input (training.ts, the same rules and codes): the
 * person by 党员编号 (a member's id) or 身份证号 (found by its keyed hash among the members of the viewer's
 * region), or by 岗位编号 (a staff post held by no member here); its problems, naming their columns.
 */
export async function validateTraining(
  dataSource: DataSource,
  cipher: PersonalDataCipher,
  row: TableRow,
  viewer: Viewer,
): Promise<Validation<PreparedTraining>> {
  const values = columns(row);
  const problems: Problems = [];
  let memberId = values.member?.trim() || null;
  const idNumber = values.idNumber?.trim().toUpperCase();
  if (!memberId && idNumber) {
    const [member] = (await dataSource.query(
      `SELECT id FROM party_member WHERE id_number_hash = ? ${viewer.regionCode ? 'AND region_code LIKE ?' : ''}`,
      [cipher.hash('id', idNumber), ...(viewer.regionCode ? [regionLikePattern(viewer.regionCode)] : [])],
    )) as Array<{ id: string }>;
    if (member) memberId = member.id;
    else
      problems.push({ field: 'idNumber', message: 'no member with this ID number (身份证号) on your rolls' });
  }
  const hours = values.hours?.trim() ?? '';
  if (!/^\d+$/.test(hours))
    problems.push({ field: 'hours', message: `hours (学时) must be a whole number, got "${hours}"` });
  if (problems.length > 0) return { problems };
  return userChecked(() =>
    prepareTraining(
      dataSource,
      {
        memberId,
        staffAssignmentId: values.staffAssignment?.trim() || null,
        title: values.title ?? '',
        startedOn: values.startedOn?.trim() ?? '',
        hours: Number(hours),
      },
      viewer,
    ),
  );
}
