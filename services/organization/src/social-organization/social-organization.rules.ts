import { badInput } from '@pb/platform/errors';
import { isWithinRegion } from '@pb/platform/region-scope';
import { readOptionalText, readText } from '@pb/platform/text-input';
import { usccProblem, usccRegionProblem } from '@pb/platform/uscc';
import type { Viewer } from '@pb/platform/viewer';
import { pastDate } from '../dates.js';
import type { RegionService } from '../region/region.service.js';
import type { SocialOrganizationEntity } from './social-organization.entity.js';
import type {
  RegisterSocialOrganizationInput,
  UpdateSocialOrganizationInput,
} from './social-organization.input.js';
import { CharterClause, RegistrationLevel, type SocialOrganizationType } from './social-organization.type.js';

/** 应建: a unit with at least this many full members must set up its own branch. */
export const ELIGIBILITY_THRESHOLD = 3;

/** A registration as validated, ready to store (also what a bulk import row becomes). */
export interface Registration {
  uscc: string;
  name: string;
  type: SocialOrganizationType;
  regionCode: string;
  registeredAt: string;
  registrationAuthority: string;
  registrationLevel: RegistrationLevel;
  category: string | null;
  supervisingUnit: string | null;
  staffCount: number;
  charterClause: CharterClause;
}

/**
 * Checks a registration without storing it: BAD_USER_INPUT naming the field and the rule, NOT_FOUND for
 * an unknown region. Field names are prefixed with `prefix` (`input.` for the API, none for a file).
 */
export function validateRegistration(
  regions: RegionService,
  input: RegisterSocialOrganizationInput,
  prefix = 'input.',
): Registration {
  const uscc = input.uscc.trim().toUpperCase();
  const problem = usccProblem(uscc);
  if (problem)
    throw badInput(`${prefix}uscc`, `${prefix}uscc: ${problem.message}.`, {
      rule: `USCC_${problem.problem.toUpperCase()}`,
    });
  const name = readText(`${prefix}name`, input.name);
  const region = regions.get(input.regionCode, `${prefix}regionCode`);
  const misplaced = usccRegionProblem(uscc, region.code);
  if (misplaced)
    throw badInput(`${prefix}uscc`, `${prefix}uscc: ${misplaced.message}.`, { rule: 'USCC_REGION' });
  const registeredAt = pastDate(`${prefix}registeredAt`, input.registeredAt);
  const staffCount = readStaffCount(`${prefix}staffCount`, input.staffCount);
  return {
    uscc,
    name,
    type: input.type,
    regionCode: region.code,
    registeredAt,
    registrationAuthority: readText(`${prefix}registrationAuthority`, input.registrationAuthority, {
      max: 100,
    }),
    registrationLevel: input.registrationLevel ?? RegistrationLevel.COUNTY,
    category: readOptionalText(`${prefix}category`, input.category, { max: 64 }),
    supervisingUnit: readOptionalText(`${prefix}supervisingUnit`, input.supervisingUnit, { max: 100 }),
    staffCount,
    charterClause: input.charterClause ?? CharterClause.MISSING,
  };
}

/** A staff count: a whole number, 0 or more (STAFF_COUNT otherwise). */
function readStaffCount(field: string, value: number): number {
  if (!Number.isInteger(value) || value < 0) {
    throw badInput(field, `${field} must be a whole number, 0 or more.`, { rule: 'STAFF_COUNT' });
  }
  return value;
}

/** Columns `updateDescription` may change: what a registration describes, never the region or the status. */
export const DESCRIPTIVE_COLUMNS = new Set([
  'name',
  'type',
  'category',
  'registration_authority',
  'registration_level',
  'supervising_unit',
  'staff_count',
]);

/**
 * The descriptive columns an update changes, by column name, each value checked as a registration's;
 * NOTHING_TO_CHANGE when it names none.
 */
export function describedChanges(input: UpdateSocialOrganizationInput): Record<string, unknown> {
  const changed: Record<string, unknown> = {};
  if (input.name != null) changed.name = readText('input.name', input.name);
  if (input.type != null) changed.type = input.type;
  if (input.category !== undefined)
    changed.category = readOptionalText('input.category', input.category, { max: 64 });
  if (input.registrationAuthority != null)
    changed.registration_authority = readText('input.registrationAuthority', input.registrationAuthority, {
      max: 100,
    });
  if (input.registrationLevel != null) changed.registration_level = input.registrationLevel;
  if (input.supervisingUnit !== undefined)
    changed.supervising_unit = readOptionalText('input.supervisingUnit', input.supervisingUnit, {
      max: 100,
    });
  if (input.staffCount != null) changed.staff_count = readStaffCount('input.staffCount', input.staffCount);
  if (Object.keys(changed).length === 0) {
    throw badInput('input', 'input names no field to change; give at least one besides id and effectiveOn.', {
      rule: 'NOTHING_TO_CHANGE',
    });
  }
  return changed;
}

/** Every read is scoped: an organization is visible within the viewer's region. */
export function isVisible(entity: Pick<SocialOrganizationEntity, 'regionCode'>, viewer: Viewer): boolean {
  return isWithinRegion(entity.regionCode, viewer.regionCode);
}
