import { EnvReader, readCommonConfig } from './config.js';
import { createAccount } from './database.js';

/**
 * The MySQL accounts the subgraphs run as on a developer's machine and in the system tests (`pnpm
 * start`, `pnpm seed`, tests/utils/system.ts): one per subgraph, with a fixed development password like
 * the other development secrets, created by the account that MYSQL_URL names there (root), which then
 * owns the databases (MYSQL_OWNER_URL). Production creates its own (README, "Production notes").
 */
export const DEVELOPMENT_DATABASE_ACCOUNTS = {
  organization: { user: 'pb_organization', password: 'pb-development-organization-change-me' },
  'party-work': { user: 'pb_party_work', password: 'pb-development-party-work-change-me' },
} as const;

export type DatabaseService = keyof typeof DEVELOPMENT_DATABASE_ACCOUNTS;

type Env = Record<string, string | undefined>;

/**
 * The environment `service` runs with as its own development account: the account of `env`'s MYSQL_URL
 * (with its password) becomes the owner, MYSQL_URL the service's account, which is created if missing.
 * An environment that sets MYSQL_OWNER_URL already names its own accounts and is returned as it is.
 */
export async function withDevelopmentAccount(env: Env, service: DatabaseService): Promise<Env> {
  if (env.MYSQL_OWNER_URL || env.MYSQL_OWNER_URL_FILE) return env;
  const reader = new EnvReader(env);
  const { mysqlUrl: ownerUrl } = readCommonConfig(reader);
  reader.done();
  const { user, password } = DEVELOPMENT_DATABASE_ACCOUNTS[service];
  const serviceUrl = new URL(ownerUrl);
  serviceUrl.username = user;
  serviceUrl.password = encodeURIComponent(password);
  await createAccount(ownerUrl, user, password);
  // the password is in the owner's URL now; left here, it would be put into the service's too
  const serviceEnv: Env = { ...env, MYSQL_URL: serviceUrl.toString(), MYSQL_OWNER_URL: ownerUrl };
  delete serviceEnv.MYSQL_PASSWORD;
  delete serviceEnv.MYSQL_PASSWORD_FILE;
  return serviceEnv;
}
