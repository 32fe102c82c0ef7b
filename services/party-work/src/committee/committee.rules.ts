/**
 * 换届: the terms a Party organization's committee is elected for, by the organization's type
 * (中国共产党基层组织选举工作条例, 2020: a 基层委员会 (党委) 5 years; a 总支部委员会 or 支部委员会 3 years, 5 where
 * the higher Party organization sets it). The first of `allowed` is the default. Imports nothing, so the
 * work-alert rule can share it.
 */
export const COMMITTEE_TERMS: Record<string, { allowed: number[] }> = {
  COMMITTEE: { allowed: [5] },
  GENERAL_BRANCH: { allowed: [3, 5] },
  BRANCH: { allowed: [3, 5] },
};

/** A branch committee's term when none is recorded: its first, from the branch's establishment. */
export const BRANCH_COMMITTEE_TERM_YEARS = 3;

export const COMMITTEE_RULES = {
  COMMITTEE_TERM_YEARS: 'COMMITTEE_TERM_YEARS',
  ELECTION_IN_FUTURE: 'DATE_IN_FUTURE',
  ELECTION_BEFORE_ESTABLISHED: 'ELECTION_BEFORE_ESTABLISHED',
  ELECTION_ORDER: 'ELECTION_ORDER',
} as const;
