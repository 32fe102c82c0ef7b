import { type CommonConfig, EnvReader, readCommonConfig } from '@pb/platform/config';

export interface OrganizationConfig extends CommonConfig {
  port: number;
  /** This subgraph's own database on the MYSQL_URL server. */
  database: string;
  /** Consumer group on party-work's event stream; one per deployment of this service. */
  consumerGroup: string;
  /** D of 同步建立: days after registration within which an organization should get coverage. */
  syncDays: number;
  /** An instructor without recorded contact for more days than this raises an alert. */
  instructorContactDays: number;
  /** The party-work subgraph's GraphQL endpoint, which `resync` reads the full-member counts from. */
  partyWorkUrl: string;
}

/** Reads and validates the organization subgraph's settings once; see README for the variables. */
export function readOrganizationConfig(
  env: Record<string, string | undefined> = process.env,
): OrganizationConfig {
  const reader = new EnvReader(env);
  const common = readCommonConfig(reader);
  const config = {
    ...common,
    port: reader.int('PORT', 4001, { max: 65535 }),
    database: reader.string('ORGANIZATION_DATABASE', 'pb_organization'),
    consumerGroup: reader.string('ORGANIZATION_CONSUMER_GROUP', 'organization'),
    syncDays: reader.int('COVERAGE_SYNC_DAYS', 30, { min: 1, max: 3650 }),
    instructorContactDays: reader.int('INSTRUCTOR_CONTACT_DAYS', 90, { min: 1, max: 3650 }),
    partyWorkUrl: reader.url('PARTY_WORK_URL', 'http://127.0.0.1:4002/graphql', ['http:', 'https:']),
  };
  reader.done();
  return config;
}

/** Settings of the coverage rules, with their defaults (tests and the CLI build services from these). */
export type CoverageSettings = Pick<OrganizationConfig, 'syncDays' | 'instructorContactDays'>;
