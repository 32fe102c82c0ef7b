import { type CommonConfig, EnvReader, readCommonConfig } from '@pb/platform/config';

/** The development key of personal data: fixed so a developer's data survives restarts; refused in production. */
export const DEVELOPMENT_PERSONAL_DATA_KEY = Buffer.alloc(32, 'pb-development-personal-data-key').toString(
  'base64',
);

export interface PartyWorkConfig extends CommonConfig {
  port: number;
  /** This subgraph's own database on the MYSQL_URL server. */
  database: string;
  /** Consumer group on the organization subgraph's event stream; one per deployment of this service. */
  consumerGroup: string;
  /** AES-256-GCM key of ID numbers and phones (32 bytes, base64); the HMAC key of their hashes derives from it. */
  personalDataKey: Buffer;
  /** An activity is recorded at most this many days after it was held. */
  activityRecordingWindowDays: number;
  /** The organization subgraph's GraphQL endpoint, which `resync` reads this subgraph's copies from. */
  organizationUrl: string;
}

/** Reads and validates the party-work subgraph's settings once; see README for the variables. */
export function readPartyWorkConfig(env: Record<string, string | undefined> = process.env): PartyWorkConfig {
  const reader = new EnvReader(env);
  const common = readCommonConfig(reader);
  const rawKey = reader.string('PERSONAL_DATA_KEY', DEVELOPMENT_PERSONAL_DATA_KEY);
  const personalDataKey = Buffer.from(rawKey, 'base64');
  if (personalDataKey.length !== 32 || personalDataKey.toString('base64') !== rawKey) {
    reader.problem('PERSONAL_DATA_KEY must be 32 bytes in base64 (openssl rand -base64 32)');
  }
  if (common.environment === 'production' && rawKey === DEVELOPMENT_PERSONAL_DATA_KEY) {
    reader.problem('PERSONAL_DATA_KEY must be set (not the development key) when NODE_ENV=production');
  }
  const config = {
    ...common,
    port: reader.int('PORT', 4002, { max: 65535 }),
    database: reader.string('PARTY_WORK_DATABASE', 'pb_party_work'),
    consumerGroup: reader.string('PARTY_WORK_CONSUMER_GROUP', 'party-work'),
    personalDataKey,
    activityRecordingWindowDays: reader.int('ACTIVITY_RECORDING_WINDOW_DAYS', 30, { min: 1, max: 3650 }),
    organizationUrl: reader.url('ORGANIZATION_URL', 'http://127.0.0.1:4001/graphql', ['http:', 'https:']),
  };
  reader.done();
  return config;
}
