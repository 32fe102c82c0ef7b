import { type CommonConfig, EnvReader, readCommonConfig } from '@pb/platform';

export interface PartyWorkConfig extends CommonConfig {
  port: number;
  /** This subgraph's own database on the MYSQL_URL server. */
  database: string;
  /** Consumer group on the organization subgraph's event stream; one per deployment of this service. */
  consumerGroup: string;
}

/** Reads and validates the party-work subgraph's settings once; see README for the variables. */
export function readPartyWorkConfig(env: Record<string, string | undefined> = process.env): PartyWorkConfig {
  const reader = new EnvReader(env);
  const common = readCommonConfig(reader);
  const config = {
    ...common,
    port: reader.int('PORT', 4002, { max: 65535 }),
    database: reader.string('PARTY_WORK_DATABASE', 'pb_party_work'),
    consumerGroup: reader.string('PARTY_WORK_CONSUMER_GROUP', 'party-work'),
  };
  reader.done();
  return config;
}
