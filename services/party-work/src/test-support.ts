import { isUserError } from '@pb/platform/errors';
import { testEnvironment } from '@pb/platform/testing';
import { createPartyWorkApp, type PartyWorkApp } from './app.js';
import { DEVELOPMENT_PERSONAL_DATA_KEY } from './config.js';
import type { PartyOrganizationSnapshot } from './organization-replica/organization-replica.service.js';

/**
 * One party-work server on a free port with a database and Redis namespace of its own, for this
 * subgraph's tests; `as(role)` sends an operation with a token of that role.
 */
export async function startTestApp(options: { activityRecordingWindowDays?: number } = {}) {
  const env = testEnvironment('party-work');
  const app: PartyWorkApp = await createPartyWorkApp({
    ...env.common,
    port: 0,
    database: env.database,
    consumerGroup: 'party-work',
    personalDataKey: Buffer.from(DEVELOPMENT_PERSONAL_DATA_KEY, 'base64'),
    activityRecordingWindowDays: options.activityRecordingWindowDays ?? 30,
    organizationUrl: 'http://127.0.0.1:4001/graphql',
  });
  const { url } = await app.start(0);
  return {
    env,
    app,
    url,
    async as<T = Record<string, unknown>>(
      role: Parameters<typeof env.token>[0],
      query: string,
      variables: Record<string, unknown> = {},
      region: string | null = null,
    ) {
      return env.asViewer<T>(url, role, region, query, variables);
    },
    async stop() {
      await app.stop();
      await env.cleanUp();
    },
  };
}

export type TestApp = Awaited<ReturnType<typeof startTestApp>>;

/**
 * Counts the random mutations of an oracle test: those that went through and those a rule refused (a
 * user error); any other error fails the test. A sequence that was mostly refused would prove little.
 */
export class MutationTally {
  accepted = 0;
  refused = 0;

  async attempt(mutation: () => Promise<unknown>): Promise<void> {
    try {
      await mutation();
      this.accepted += 1;
    } catch (error) {
      if (!isUserError(error)) throw error;
      this.refused += 1;
    }
  }
}

/**
 * A test app whose copies hold one active social organization and one Party organization, as the
 * organization subgraph's events would bring them; the Party organization is a standalone branch in the
 * organization's region unless `partyOrganization` says otherwise.
 */
export async function startWithOrganization(
  organization: { id: string; name: string; regionCode: string },
  partyOrganization: Partial<PartyOrganizationSnapshot> & { id: string; name: string; establishedAt: string },
): Promise<TestApp> {
  const test = await startTestApp();
  const { organizations } = test.app.services;
  await organizations.apply({ ...organization, status: 'ACTIVE' }, 1);
  await organizations.applyPartyOrganization(
    {
      type: 'BRANCH',
      formationMode: 'STANDALONE',
      regionCode: organization.regionCode,
      ...partyOrganization,
    },
    1,
  );
  return test;
}
