import { activistReview } from './activist-review.rule.js';
import { applicantTalk } from './applicant-talk.rule.js';
import { appraisalFollowUp } from './appraisal-follow-up.rule.js';
import { branchSize } from './branch-size.rule.js';
import { committeeTermRule } from './committee-term.rule.js';
import { compliance } from './compliance.rule.js';
import { probation } from './probation.rule.js';
import { secretary } from './secretary.rule.js';
import { trainingHoursOfMembers, trainingHoursOfStaff } from './training-hours.rule.js';
import type { WorkAlertRule } from './work-alert.rule-kit.js';
import { yearlyMeetings } from './yearly-meetings.rule.js';
import { yearlyTalk } from './yearly-talk.rule.js';

/**
 * The one definition of every work alert (domain.md, alerts 5–8): for a set of subjects (branches or
 * members) and a day, the alerts they raise. The keeper evaluates these for the subjects a write moved, in
 * the write's transaction, and for every subject when the day changes or after a bulk load; nothing else
 * decides whether an alert stands. Each rule lives in its own `<topic>.rule.ts`, listed here; what the rules
 * share (the alert as kept, the rule's shape, the helpers) is in work-alert.rule-kit.ts.
 */

export const WORK_ALERT_RULES: WorkAlertRule[] = [
  compliance,
  yearlyMeetings,
  secretary,
  branchSize,
  applicantTalk,
  activistReview,
  probation,
  yearlyTalk,
  committeeTermRule,
  appraisalFollowUp,
  trainingHoursOfMembers,
  trainingHoursOfStaff,
];

/**
 * What each kind of write can move, so a write re-evaluates only the rules its rows feed: an activity the
 * 三会一课 and yearly-meeting rules of its branch; a member's change the development rules of the member and
 * the size and yearly talks of its branches; a talk the development rules of its participants and the
 * yearly talks of their branches; a staff change the secretary rule; a committee election the
 * committee-term rule; a branch's own change (name, region, committee, dates) every branch rule; an
 * organization's move to another region the development rules of its members, whose alerts move with them;
 * an appraisal or its follow-up the 不合格 follow-up rule of its member (which a member's change moves too);
 * training the training rule of its person. A staff change re-evaluates the training of the member holding
 * the post, or of the post; a branch's change that of its posts held by no member (they follow its region).
 */
export const MOVED_BY = {
  activity: [compliance, yearlyMeetings],
  member: [
    branchSize,
    applicantTalk,
    activistReview,
    probation,
    yearlyTalk,
    appraisalFollowUp,
    trainingHoursOfMembers,
  ],
  talk: [applicantTalk, activistReview, yearlyTalk],
  staff: [secretary, trainingHoursOfMembers, trainingHoursOfStaff],
  branch: [
    compliance,
    yearlyMeetings,
    secretary,
    branchSize,
    yearlyTalk,
    committeeTermRule,
    trainingHoursOfStaff,
  ],
  committee: [committeeTermRule],
  organization: [applicantTalk, activistReview, probation, appraisalFollowUp, trainingHoursOfMembers],
  appraisal: [appraisalFollowUp],
  training: [trainingHoursOfMembers, trainingHoursOfStaff],
} satisfies Record<string, WorkAlertRule[]>;

export type WorkAlertWrite = keyof typeof MOVED_BY;
