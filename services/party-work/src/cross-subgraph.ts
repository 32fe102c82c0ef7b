/**
 * Fields that cross to the other subgraph are nullable, so that while one subgraph is down the gateway
 * nulls only the fields that subgraph would have answered, with an error saying so, and the rest of an
 * answer stands. Their descriptions say so in the same words.
 */

/** Said of each field party-work adds to an organization entity (SocialOrganization, PartyOrganization). */
export const NULL_WHEN_PARTY_WORK_FAILS = 'Null, with an error, when party-work could not answer.';

/** Said of each field of ours that leads to an organization entity, whose other fields come from there. */
export const NULL_WHEN_ORGANIZATION_FAILS =
  'Null, with an error, when the organization subgraph could not answer for it.';
