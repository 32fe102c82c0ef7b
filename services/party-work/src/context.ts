import type { BaseContext } from '@pb/platform';
import type DataLoader from 'dataloader';
import type { MemberStatsService } from './member-stats/member-stats.service.js';
import type { PartyMemberService } from './party-member/party-member.service.js';

/** What every resolver of this subgraph receives: the viewer and the services that hold the rules. */
export interface PartyWorkContext extends BaseContext {
  partyMembers: PartyMemberService;
  memberStats: MemberStatsService;
  /** Full-member counts of the organizations one request asks about, in one query. */
  fullMemberCounts: DataLoader<string, number>;
}
