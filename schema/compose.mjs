#!/usr/bin/env node
/**
 * Composes the subgraphs' SDL into the supergraph the gateway serves.
 *   node compose.mjs          write organization.graphql, party-work.graphql and supergraph.graphql
 *   node compose.mjs --check  fail when composition fails or the committed files differ from the code
 * Each SDL is what the subgraph's own code emits (its `_service { sdl }`), built without a database.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildOrganizationSchema } from '@pb/organization/schema';
import { buildPartyWorkSchema } from '@pb/party-work/schema';
import { composeServices } from '@theguild/federation-composition';
import { execute, parse } from 'graphql';

const here = dirname(fileURLToPath(import.meta.url));
const check = process.argv.includes('--check');

/** Default URLs for a developer's machine; deployments override them in the gateway's environment. */
const subgraphs = [
  { name: 'organization', url: 'http://localhost:4001/graphql', build: buildOrganizationSchema },
  { name: 'party-work', url: 'http://localhost:4002/graphql', build: buildPartyWorkSchema },
];

async function emitSdl(build) {
  const result = await execute({ schema: await build(), document: parse('{ _service { sdl } }') });
  if (result.errors?.length) throw new Error(result.errors.map((e) => e.message).join('; '));
  return `${result.data._service.sdl.trim()}\n`;
}

const files = new Map();
const services = [];
for (const subgraph of subgraphs) {
  const sdl = await emitSdl(subgraph.build);
  files.set(`${subgraph.name}.graphql`, sdl);
  services.push({ name: subgraph.name, url: subgraph.url, typeDefs: parse(sdl) });
}
const composed = composeServices(services);
if (composed.errors?.length) {
  console.error('schema: composition failed:');
  for (const error of composed.errors) console.error(`  - ${error.message}`);
  process.exit(1);
}
files.set('supergraph.graphql', `${composed.supergraphSdl.trim()}\n`);

let drifted = 0;
for (const [name, content] of files) {
  const path = join(here, name);
  if (check) {
    const committed = await readFile(path, 'utf8').catch(() => '');
    if (committed !== content) {
      drifted++;
      console.error(
        `schema: ${name} differs from what the code emits; run pnpm schema:compose and commit it.`,
      );
    }
  } else {
    await writeFile(path, content);
    console.log(`schema: wrote schema/${name}`);
  }
}
if (drifted > 0) process.exit(1);
if (check) console.log('schema: composition succeeds and the committed SDL matches the code.');
