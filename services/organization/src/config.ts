import { type CommonConfig, EnvReader, readCommonConfig } from '@pb/platform';

export interface OrganizationConfig extends CommonConfig {
  port: number;
  /** This subgraph's own database on the MYSQL_URL server. */
  database: string;
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
  };
  reader.done();
  return config;
}
