/**
 * The subgraphs, their SDL as their code emits it, and composition: one place for compose.mjs and
 * check.mjs alike.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { composeServices } from '@theguild/federation-composition';
import { execute, parse } from 'graphql';

/** The folder holding the committed SDL files. */
export const SCHEMA_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Default URLs for a developer's machine; deployments override them in the gateway's environment. */
export const SUBGRAPHS = [
  {
    name: 'organization',
    url: 'http://localhost:4001/graphql',
    urlVariable: 'ORGANIZATION_URL',
    build: async () => (await import('@pb/organization/schema')).buildOrganizationSchema(),
  },
  {
    name: 'party-work',
    url: 'http://localhost:4002/graphql',
    urlVariable: 'PARTY_WORK_URL',
    build: async () => (await import('@pb/party-work/schema')).buildPartyWorkSchema(),
  },
];

export const SUBGRAPH_NAMES = SUBGRAPHS.map((subgraph) => subgraph.name);

/** What a subgraph's code serves as `_service { sdl }`, built without a database. */
export async function emitSdl(name) {
  const subgraph = SUBGRAPHS.find((s) => s.name === name);
  const result = await execute({ schema: await subgraph.build(), document: parse('{ _service { sdl } }') });
  if (result.errors?.length) throw new Error(result.errors.map((e) => e.message).join('; '));
  return normalizeSdl(result.data._service.sdl);
}

/** SDL as the committed files hold it. */
export const normalizeSdl = (sdl) => `${sdl.trim()}\n`;

/** The committed `<file>` in schema/, or '' when there is none. */
export const readCommitted = (file) => readFile(join(SCHEMA_DIR, file), 'utf8').catch(() => '');

/**
 * Composes SDL by subgraph name. `{ supergraphSdl, publicSdl }` on success, `{ errors }` (messages)
 * otherwise.
 */
export function compose(sdlByName) {
  const composed = composeServices(
    SUBGRAPHS.map(({ name, url }) => ({ name, url, typeDefs: parse(sdlByName[name]) })),
  );
  if (composed.errors?.length) return { errors: composed.errors.map((error) => error.message) };
  return {
    supergraphSdl: normalizeSdl(composed.supergraphSdl),
    publicSdl: composed.publicSdl,
  };
}

/**
 * The three files as the code emits them, `[file, content]` each (subgraphs first), or `{ errors }`
 * when the code's SDL does not compose.
 */
export async function emitFiles() {
  const sdl = {};
  for (const name of SUBGRAPH_NAMES) sdl[name] = await emitSdl(name);
  const composed = compose(sdl);
  if (composed.errors) return { errors: composed.errors };
  return {
    files: [
      ...SUBGRAPH_NAMES.map((name) => [`${name}.graphql`, sdl[name]]),
      ['supergraph.graphql', composed.supergraphSdl],
    ],
  };
}
