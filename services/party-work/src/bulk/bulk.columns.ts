import type { TableRow, Validation } from '@pb/platform/bulk';
import { GraphQLError } from 'graphql';
import { ActivityMode, ActivityPurpose, ActivityType } from '../activity/activity.type.js';
import { AppraisalGrade } from '../member-life/member-life.type.js';
import { MemberStage, MemberWorkRole } from '../party-member/party-member.type.js';

/** A row's problems, each naming its column where it can. */
export type Problems = Array<{ field?: string; message: string }>;

/** Columns of a member file; imports also take the Chinese headers. The ID number is the natural key. */
export const MEMBER_COLUMNS = [
  'name',
  'idNumber',
  'phone',
  'socialOrganization',
  'branch',
  'stage',
  'stageSince',
  'appliedOn',
  'workRole',
] as const;
/** Columns of an activity file; (branch, type, heldAt, title) is the natural key. */
export const ACTIVITY_COLUMNS = [
  'branch',
  'type',
  'mode',
  'title',
  'heldAt',
  'expected',
  'present',
  'online',
  'excused',
  'absent',
  'serves',
] as const;
/** Columns of an appraisal file; (member by ID number, year) is the natural key. */
export const APPRAISAL_COLUMNS = ['idNumber', 'year', 'grade', 'appraisedOn'] as const;

/**
 * Columns of a training file: the person by `member` (a member's id) or `idNumber`, or by `staffAssignment`
 * (a post held by no member here); (person, title, startedOn) is the natural key.
 */
export const TRAINING_COLUMNS = [
  'member',
  'idNumber',
  'staffAssignment',
  'title',
  'startedOn',
  'hours',
] as const;

const HEADERS: Record<string, string> = {
  姓名: 'name',
  身份证号: 'idNumber',
  身份证号码: 'idNumber',
  手机号: 'phone',
  手机号码: 'phone',
  社会组织: 'socialOrganization',
  所在单位: 'socialOrganization',
  党组织: 'branch',
  所在党组织: 'branch',
  阶段: 'stage',
  发展阶段: 'stage',
  阶段起始日期: 'stageSince',
  申请入党日期: 'appliedOn',
  岗位角色: 'workRole',
  类型: 'type',
  活动类型: 'type',
  方式: 'mode',
  主题: 'title',
  时间: 'heldAt',
  举行时间: 'heldAt',
  应到: 'expected',
  实到: 'present',
  线上: 'online',
  请假: 'excused',
  缺席: 'absent',
  服务于: 'serves',
  年度: 'year',
  评议年度: 'year',
  等次: 'grade',
  评议等次: 'grade',
  评议日期: 'appraisedOn',
  党员编号: 'member',
  岗位编号: 'staffAssignment',
  培训名称: 'title',
  培训主题: 'title',
  开始日期: 'startedOn',
  培训日期: 'startedOn',
  学时: 'hours',
};

export const STAGES: Record<string, MemberStage> = {
  入党申请人: MemberStage.APPLICANT,
  入党积极分子: MemberStage.ACTIVIST,
  发展对象: MemberStage.CANDIDATE,
  预备党员: MemberStage.PROBATIONARY,
  正式党员: MemberStage.FULL,
};
export const WORK_ROLES: Record<string, MemberWorkRole> = {
  管理层: MemberWorkRole.MANAGEMENT,
  业务骨干: MemberWorkRole.BUSINESS_BACKBONE,
};
export const TYPES: Record<string, ActivityType> = {
  支部党员大会: ActivityType.GENERAL_MEETING,
  支部委员会: ActivityType.COMMITTEE_MEETING,
  党小组会: ActivityType.GROUP_MEETING,
  党课: ActivityType.PARTY_LECTURE,
  主题党日: ActivityType.THEMED_PARTY_DAY,
  组织生活会: ActivityType.ORGANIZATIONAL_LIFE_MEETING,
  民主评议党员: ActivityType.DEMOCRATIC_APPRAISAL,
};
export const PURPOSES: Record<string, ActivityPurpose> = {
  业务: ActivityPurpose.BUSINESS,
  管理: ActivityPurpose.MANAGEMENT,
  文化建设: ActivityPurpose.CULTURE,
  社会责任: ActivityPurpose.SOCIAL_RESPONSIBILITY,
};
export const GRADES: Record<string, AppraisalGrade> = {
  优秀: AppraisalGrade.EXCELLENT,
  合格: AppraisalGrade.QUALIFIED,
  基本合格: AppraisalGrade.BASICALLY_QUALIFIED,
  不合格: AppraisalGrade.UNQUALIFIED,
};
export const MODES: Record<string, ActivityMode> = {
  线下: ActivityMode.OFFLINE,
  面对面: ActivityMode.OFFLINE,
  线上: ActivityMode.ONLINE,
  键对键: ActivityMode.ONLINE,
  线上线下: ActivityMode.HYBRID,
  混合: ActivityMode.HYBRID,
};

/** The row's values under canonical column names (Chinese headers mapped). */
export function columns(row: TableRow): Record<string, string | undefined> {
  const values: Record<string, string | undefined> = {};
  for (const [header, value] of Object.entries(row.values))
    values[HEADERS[header.trim()] ?? header.trim()] = value;
  return values;
}

/** An enum column given by its value or its Chinese name; `fallback` when empty (required when undefined). */
export function enumValue<T extends string>(
  field: string,
  value: string | undefined,
  chinese: Record<string, T>,
  fallback: T | undefined,
  problems: Problems,
): T | undefined {
  if (!value && fallback) return fallback;
  const allowed = Object.values(chinese);
  const found = value ? (chinese[value] ?? allowed.find((v) => v === value.toUpperCase())) : undefined;
  if (!found)
    problems.push({
      field,
      message: `${field} must be one of ${Object.keys(chinese).join('、')}, got "${value ?? ''}"`,
    });
  return found;
}

/** Runs a service check; a user error becomes the row's problem, naming its column. */
export async function userChecked<T>(check: () => Promise<T>): Promise<Validation<T>> {
  try {
    return { item: await check() };
  } catch (error) {
    if (
      !(error instanceof GraphQLError) ||
      typeof error.extensions?.code !== 'string' ||
      error.extensions.code === 'INTERNAL_SERVER_ERROR'
    )
      throw error;
    const field =
      typeof error.extensions.field === 'string' ? error.extensions.field.replace(/^input\./, '') : undefined;
    return { problems: [{ ...(field ? { field } : {}), message: error.message }] };
  }
}

/** `2026-05-20 14:30` (China time) or an ISO date-time with offset → ISO-8601 UTC; a bare date is 09:00. */
export function chinaTime(text: string): string | null {
  const local = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text.trim());
  const date = local
    ? new Date(
        `${local[1]}T${(local[2] ?? '09').padStart(2, '0')}:${local[3] ?? '00'}:${local[4] ?? '00'}+08:00`,
      )
    : new Date(text);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
