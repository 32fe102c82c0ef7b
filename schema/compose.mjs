#!/usr/bin/env node
/**
 * `pnpm schema:compose`: writes organization.graphql, party-work.graphql and supergraph.graphql from
 * what each subgraph's code emits (its `_service { sdl }`), built without a database. check.mjs checks
 * them.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { emitFiles, SCHEMA_DIR } from './src/graphs.mjs';

const emitted = await emitFiles();
if (emitted.errors) {
  console.error('schema: composition failed:');
  for (const message of emitted.errors) console.error(`  - ${message}`);
  process.exit(1);
}
for (const [file, content] of emitted.files) {
  await writeFile(join(SCHEMA_DIR, file), content);
  console.log(`schema: wrote schema/${file}`);
}
