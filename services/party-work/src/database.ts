import { Initial1764201600000 } from './migrations/1764201600000-initial.js';
import { OrganizationReplicaEntity } from './organization-replica/organization-replica.entity.js';
import { PartyMemberEntity } from './party-member/party-member.entity.js';

/** Every table of this subgraph, and the migrations that create them, in order. */
export const entities = [OrganizationReplicaEntity, PartyMemberEntity];
export const migrations = [Initial1764201600000];
