/**
 * The SQL of who holds a post when, one definition for the secretary figure's cells, the staff figures and
 * the work alerts; a module of its own with no GraphQL types, so the rules and the cells load without them
 * (the schema check imports the resync code, which reaches these).
 */

/**
 * A Party organization active on a day: established by then and not dissolved (the first `?` and second
 * `?` are the day). One definition for this figure and the NO_SECRETARY work alert.
 */
export const ACTIVE_PARTY_ORGANIZATION = (alias: string) =>
  `${alias}.established_at <= ? AND (${alias}.dissolved_at IS NULL OR ${alias}.dissolved_at > ?)`;

/** A secretary assignment current on a day: begun and not ended (both `?` are the day). */
export const CURRENT_SECRETARY = (alias: string) =>
  `${alias}.role = 'SECRETARY' AND ${alias}.from_on <= ? AND (${alias}.to_on IS NULL OR ${alias}.to_on >= ?)`;

/** An assignment of any role current on a day (both `?` are the day). */
export const CURRENT_ASSIGNMENT = (alias: string) =>
  `${alias}.from_on <= ? AND (${alias}.to_on IS NULL OR ${alias}.to_on >= ?)`;

/**
 * One person holding a post in a Party organization: the member when recorded, else the name as written,
 * so a person with two assignments of one role there (a post taken up again) counts once.
 */
export const ASSIGNED_PERSON = (alias: string) =>
  `${alias}.party_organization_id, COALESCE(${alias}.member_id, ${alias}.person_name)`;
