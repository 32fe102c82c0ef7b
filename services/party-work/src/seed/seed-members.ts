import type { DemoMember, DemoPartyOrganization } from '@pb/demo-data';
import { addDays, addMonths } from '@pb/platform/calendar';
import { memberInsert, memberValues } from '../party-member/party-member.rows.js';
import { withIdCheck } from '../personal-data/personal-data.cipher.js';
import { key, type SeedRun } from './seed-run.js';

/**
 * One demo member of the seed: the member at its stage with a history that keeps every rule of
 * development, an encrypted ID number and phone, its candidate training, a talk and last year's appraisal.
 */
export async function writeMember(
  run: SeedRun,
  member: DemoMember,
  branch: DemoPartyOrganization | null,
): Promise<void> {
  run.drawFor(member.id);
  const { since, steps, extension } = developmentSteps(run, member.stage);
  const appliedOn = steps[0]![1];
  const { birth, idNumber, phone } = identity(run, member.regionCode, appliedOn);
  const insert = memberInsert({ ignore: true });
  await run.writer.add(
    insert.head,
    insert.row,
    memberValues({
      id: member.id,
      name: member.name,
      stage: member.stage,
      stageSince: since,
      socialOrganizationId: member.socialOrganizationId,
      regionCode: member.regionCode,
      status: 'ACTIVE',
      branchId: branch?.id ?? null,
      appliedOn,
      birthDate: birth,
      idNumberEnc: run.cipher.encrypt(idNumber),
      idNumberHash: run.cipher.hash('id', idNumber),
      phoneEnc: run.cipher.encrypt(phone),
      phoneHash: run.cipher.hash('phone', phone),
      probationExtendedMonths: member.stage === 'PROBATIONARY' && run.random() < 0.03 ? 6 : 0,
      introducers: steps.length >= 4 ? '张伟、李娜' : null,
      workRole: demoWorkRole(member),
    }),
  );
  for (const [index, [stage, on]] of steps.entries()) {
    const approvedBy =
      index === 0 ? '登记' : stage === 'PROBATIONARY' || stage === 'FULL' ? '支部党员大会' : '支部委员会';
    await run.writer.add(
      `INSERT INTO stage_change (member_id, kind, from_stage, to_stage, effective_on, approved_by, recorded_by, note, region_code)`,
      "(?, ?, ?, ?, ?, ?, 'seed', ?, ?)",
      [
        member.id,
        index === 0 ? (stage === 'APPLICANT' ? 'APPLIED' : 'RECORDED') : 'ADVANCED',
        index === 0 ? null : steps[index - 1]![0],
        stage,
        on,
        approvedBy,
        stage === 'FULL' && extension ? `延长预备期 ${extension} 个月后转正` : null,
        member.regionCode,
      ],
    );
  }
  await writeMemberLife(run, member, branch, steps, appliedOn);
}

/** Dates backwards from the current stage, each step keeping the rules of development. */
function developmentSteps(
  run: SeedRun,
  stage: DemoMember['stage'],
): { since: string; steps: Array<[string, string]>; extension: number } {
  const since = {
    APPLICANT: addDays(run.referenceDay, -run.int(0, 150)),
    ACTIVIST: addDays(run.referenceDay, -run.int(0, 720)),
    CANDIDATE: addDays(run.referenceDay, -run.int(0, 300)),
    PROBATIONARY: addDays(run.referenceDay, -run.int(0, 420)),
    FULL: addDays(run.referenceDay, -run.int(0, 365 * 15)),
  }[stage];
  const steps: Array<[string, string]> = [[stage, since]];
  let extension = 0;
  if (stage === 'FULL') {
    extension = run.random() < 0.03 ? 6 : 0;
    steps.unshift(['PROBATIONARY', addMonths(since, -12 - extension)]);
  }
  if (steps[0]![0] === 'PROBATIONARY') steps.unshift(['CANDIDATE', addDays(steps[0]![1], -run.int(60, 270))]);
  if (steps[0]![0] === 'CANDIDATE')
    steps.unshift(['ACTIVIST', addDays(addMonths(steps[0]![1], -12), -run.int(0, 240))]);
  if (steps[0]![0] === 'ACTIVIST') steps.unshift(['APPLICANT', addDays(steps[0]![1], -run.int(30, 200))]);
  return { since, steps, extension };
}

/** A birth date at least 18 years before the application, and an ID number and phone no one else has. */
function identity(
  run: SeedRun,
  regionCode: string,
  appliedOn: string,
): { birth: string; idNumber: string; phone: string } {
  const birth = addDays(appliedOn, -run.int(365 * 18 + 200, 365 * 45));
  let idNumber = '';
  for (let n = run.int(0, 899); !idNumber || run.idNumbers.has(idNumber); n++)
    idNumber = withIdCheck(`${regionCode}${birth.replace(/-/g, '')}${String(n % 1000).padStart(3, '0')}`);
  run.idNumbers.add(idNumber);
  let phone = '';
  while (!phone || run.phones.has(phone))
    phone = `1${run.int(3, 9)}${String(run.int(0, 999_999_999)).padStart(9, '0')}`;
  run.phones.add(phone);
  return { birth, idNumber, phone };
}

/**
 * The member's candidate training and this year's study, a talk and last year's appraisal, as a diligent
 * branch records them.
 */
async function writeMemberLife(
  run: SeedRun,
  member: DemoMember,
  branch: DemoPartyOrganization | null,
  steps: Array<[string, string]>,
  appliedOn: string,
): Promise<void> {
  await writeTraining(run, member, steps);
  await writeTalk(run, member, branch, appliedOn);
  await writeAppraisal(run, member, steps);
}

async function writeTraining(
  run: SeedRun,
  member: DemoMember,
  steps: Array<[string, string]>,
): Promise<void> {
  // 发展对象 are trained as candidates (Art. 19): within 50 days of the candidacy, before admission (≥ 60
  // days later) and not after the reference day
  const candidate = steps.find(([stage]) => stage === 'CANDIDATE');
  if (candidate) {
    const trainedOn = addDays(candidate[1], run.int(10, 50));
    await run.writer.add(
      'INSERT INTO training_record (id, member_id, title, started_on, hours, recorded_by)',
      "(?, ?, ?, ?, ?, 'seed')",
      [
        key(`training:${member.id}`),
        member.id,
        '发展对象短期集中培训',
        trainedOn < run.referenceDay ? trainedOn : run.referenceDay,
        run.int(24, 32),
      ],
    );
  }
  // this year's concentrated study of a Party member (集中学习培训, 32 class hours a year asked), its day and
  // hours read from the member's id so the seed's random sequence, and every other demo value, stays as
  // it was: about three in five reach the minimum by the reference day
  if (member.stage === 'FULL' || member.stage === 'PROBATIONARY') {
    const draw = Number.parseInt(member.id.slice(-5, -1), 16);
    const year = run.referenceDay.slice(0, 4);
    const startedOn = `${year}-${String(1 + (draw % 9)).padStart(2, '0')}-${String(1 + (draw % 27)).padStart(2, '0')}`;
    await run.writer.add(
      'INSERT INTO training_record (id, member_id, title, started_on, hours, recorded_by)',
      "(?, ?, ?, ?, ?, 'seed')",
      [
        key(`training:${member.id}:${year}`),
        member.id,
        '党员集中学习培训',
        startedOn < run.referenceDay ? startedOn : run.referenceDay,
        12 + (draw % 49),
      ],
    );
  }
}

/** A talk with an applicant soon after the application, or with an activist or member in the last year. */
async function writeTalk(
  run: SeedRun,
  member: DemoMember,
  branch: DemoPartyOrganization | null,
  appliedOn: string,
): Promise<void> {
  const talkOn =
    member.stage === 'APPLICANT'
      ? run.random() < 0.85
        ? addDays(appliedOn, run.int(3, 28))
        : null
      : run.random() < (member.stage === 'ACTIVIST' ? 0.8 : 0.85)
        ? addDays(run.referenceDay, -run.int(0, member.stage === 'ACTIVIST' ? 240 : 365))
        : null;
  if (talkOn && talkOn <= run.referenceDay) {
    const talkId = key(`talk:${member.id}`);
    await run.writer.add(
      'INSERT IGNORE INTO talk (id, held_on, topic, talker, region_code, recorded_by)',
      "(?, ?, ?, ?, ?, 'seed')",
      [
        talkId,
        talkOn,
        member.stage === 'APPLICANT' ? '入党动机与入党要求' : '思想工作与学习情况',
        branch ? `${branch.name}书记` : '党建指导员',
        member.regionCode,
      ],
    );
    await run.writer.add('INSERT IGNORE INTO talk_participant (talk_id, member_id, held_on)', '(?, ?, ?)', [
      talkId,
      member.id,
      talkOn,
    ]);
  }
}

/** Most members on the rolls before last October have last year's democratic appraisal. */
async function writeAppraisal(
  run: SeedRun,
  member: DemoMember,
  steps: Array<[string, string]>,
): Promise<void> {
  const lastYear = Number(run.referenceDay.slice(0, 4)) - 1;
  if (
    (member.stage === 'FULL' || member.stage === 'PROBATIONARY') &&
    steps.at(-1)![1] <= `${lastYear}-10-01` &&
    run.random() < 0.9
  ) {
    const roll = run.random();
    const grade =
      roll < 0.2
        ? 'EXCELLENT'
        : roll < 0.95
          ? 'QUALIFIED'
          : roll < 0.99
            ? 'BASICALLY_QUALIFIED'
            : 'UNQUALIFIED';
    // the day and the follow-up from the member's id, drawing nothing: every other demo value stays as it was
    const draw = Number.parseInt(member.id.slice(-6, -2), 16);
    const appraisedOn = `${lastYear}-12-${String(10 + (draw % 15)).padStart(2, '0')}`;
    const id = key(`appraisal:${member.id}:${lastYear}`);
    await run.writer.add(
      'INSERT IGNORE INTO appraisal (id, member_id, year, grade, appraised_on, region_code, recorded_by)',
      "(?, ?, ?, ?, ?, ?, 'seed')",
      [id, member.id, lastYear, grade, appraisedOn, member.regionCode],
    );
    if (grade === 'UNQUALIFIED') await writeFollowUp(run, member, id, appraisedOn, draw);
  }
}

/**
 * Most 不合格 grades followed up within the month, mostly by 限期改正 (six months), some by 劝其退党 or 除名;
 * one in five not yet, so the UNQUALIFIED_FOLLOW_UP_OVERDUE alert has members to name.
 */
async function writeFollowUp(
  run: SeedRun,
  member: DemoMember,
  appraisalId: string,
  appraisedOn: string,
  draw: number,
): Promise<void> {
  if (draw % 5 === 0) return;
  const decidedOn = addDays(appraisedOn, 7 + (draw % 20));
  const action = draw % 5 === 4 ? (draw % 2 ? 'REMOVED' : 'PERSUADED_TO_WITHDRAW') : 'LIMITED_CORRECTION';
  await run.writer.add(
    'INSERT IGNORE INTO appraisal_follow_up (appraisal_id, member_id, action, decided_on, correct_by, recorded_by)',
    "(?, ?, ?, ?, ?, 'seed')",
    [
      appraisalId,
      member.id,
      action,
      decidedOn,
      action === 'LIMITED_CORRECTION' ? addMonths(decidedOn, 6) : null,
    ],
  );
}

/**
 * About one Party member in five marked 业务骨干 and one in twenty 管理层, read from the member's id so that
 * the seed's random sequence, and so every other demo value, stays as it was.
 */
function demoWorkRole(member: DemoMember): string | null {
  if (member.stage !== 'FULL' && member.stage !== 'PROBATIONARY') return null;
  const draw = Number.parseInt(member.id.slice(-4), 16) % 20;
  return draw === 0 ? 'MANAGEMENT' : draw <= 4 ? 'BUSINESS_BACKBONE' : null;
}
