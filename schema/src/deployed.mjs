/**
 * The running system: each subgraph's live `_service { sdl }` against the committed SDL, and the
 * gateway's own comparison of the live SDL with the supergraph it serves (only the gateway knows which
 * file and URLs it serves, so its `/readyz` says it).
 */

import { randomUUID } from 'node:crypto';
import { diff } from '@graphql-inspector/core';
import { EnvReader, readCommonConfig } from '@pb/platform/config';
import { GatewayPassSigner } from '@pb/platform/gateway-pass';
import { buildSchema } from 'graphql';
import { commandEnv } from '../../scripts/private-servers.mjs';
import { normalizeSdl, SUBGRAPHS } from './graphs.mjs';

const TIMEOUT_MS = 10_000;

/**
 * Subgraph URLs as `pnpm start` and `pnpm resync` find them: ORGANIZATION_URL / PARTY_WORK_URL, or a
 * running `pnpm start`'s endpoints, or the ports it uses (ORGANIZATION_PORT / PARTY_WORK_PORT).
 */
export function subgraphUrls(env = commandEnv()) {
  return Object.fromEntries(
    SUBGRAPHS.map(({ name, url, urlVariable }) => {
      const port = env[urlVariable.replace('_URL', '_PORT')];
      const fallback = port ? url.replace(/:\d+\//, `:${port}/`) : url;
      return [name, env[urlVariable] ?? fallback];
    }),
  );
}

/** One `{ ok, line }` per comparison, in order: each subgraph against its file, then the gateway's report. */
export async function checkDeployed(gatewayUrl, committed) {
  const env = commandEnv();
  const results = [];
  const problem = (line) => results.push({ ok: false, line });
  const match = (line) => results.push({ ok: true, line });
  // the subgraphs answer only requests signed with the gateway's secret (GATEWAY_SECRET)
  const signer = new GatewayPassSigner(readCommonConfig(new EnvReader(env)).auth.gatewaySecret);
  for (const [name, url] of Object.entries(subgraphUrls(env))) {
    let live;
    try {
      live = await liveSdl(url, signer);
    } catch (error) {
      problem(`${name} at ${url}: cannot read its SDL: ${error.message}`);
      continue;
    }
    const changes = await diff(buildSchema(committed[name]), buildSchema(live));
    if (changes.length === 0) match(`${name} at ${url}: live SDL equals schema/${name}.graphql`);
    else {
      const listed = changes
        .map((c) => `\n      ${c.criticality.level.toLowerCase()}: ${c.message}`)
        .join('');
      problem(`${name} at ${url}: live SDL differs from schema/${name}.graphql:${listed}`);
    }
  }
  const readyz = new URL('/readyz', gatewayUrl);
  try {
    const response = await fetch(readyz, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    const body = await response.json();
    for (const [name, state] of Object.entries(body.sdl ?? {})) {
      const line = `gateway: ${name}'s live SDL ${state}`;
      if (state.startsWith('matches')) match(`${line}`);
      else problem(line);
    }
    if (!body.sdl) problem(`${readyz} reports no SDL comparison (an older gateway?)`);
  } catch (error) {
    problem(`cannot read ${readyz}: ${error.cause?.code ?? error.message}`);
  }
  return results;
}

/** The schema check reads as a national `wall` viewer, the least role that may read the SDL. */
const READER = { subject: 'schema-check', roles: ['wall'], regionCode: null };

async function liveSdl(url, signer) {
  const request = JSON.stringify({ query: '{ _service { sdl } }' });
  const response = await fetch(url, {
    method: 'POST',
    headers: signer.headersFor(READER, request, randomUUID()),
    body: request,
    signal: AbortSignal.timeout(TIMEOUT_MS),
  }).catch((error) => {
    throw new Error(error.cause?.code ?? error.message);
  });
  const body = await response.json().catch(() => undefined);
  const sdl = body?.data?._service?.sdl;
  if (typeof sdl !== 'string')
    throw new Error(body?.errors?.[0]?.message ?? `HTTP ${response.status} without an SDL`);
  return normalizeSdl(sdl);
}
