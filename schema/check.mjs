#!/usr/bin/env node
/**
 * `pnpm schema:check`: whether the graph holds together before anything ships.
 *   (no arguments)              the committed SDL equals what the code emits, and both subgraphs pass
 *   --subgraph NAME [--sdl FILE] NAME's candidate SDL (its code's, or FILE) against the committed graph:
 *                               it composes, its breaking changes (unless deprecated first), every
 *                               operation that depends on it, the event payloads between the subgraphs
 *   --against URL               the running system: each subgraph's live SDL against the committed SDL,
 *                               and what the gateway at URL reports of it against the supergraph it serves
 * Exits 1 when something fails, 2 on a usage error.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkSubgraph } from './src/checks.mjs';
import { checkDeployed } from './src/deployed.mjs';
import { checkEventContracts } from './src/events.mjs';
import { emitFiles, emitSdl, readCommitted, SUBGRAPH_NAMES } from './src/graphs.mjs';
import { collectOperations } from './src/operations.mjs';

const usage =
  'usage: pnpm schema:check [--subgraph organization|party-work [--sdl FILE]] | --against GATEWAY_URL\n';
let values;
try {
  ({ values } = parseArgs({
    options: { subgraph: { type: 'string' }, sdl: { type: 'string' }, against: { type: 'string' } },
  }));
} catch (error) {
  process.stderr.write(`${error.message}\n${usage}`);
  process.exit(2);
}
if (
  (values.subgraph && !SUBGRAPH_NAMES.includes(values.subgraph)) ||
  (values.sdl && !values.subgraph) ||
  (values.against && (values.subgraph || values.sdl))
) {
  process.stderr.write(usage);
  process.exit(2);
}

let failed = false;
const fail = (line) => {
  failed = true;
  console.log(`  ✗ ${line}`);
};
const warn = (line) => console.log(`  ! ${line}`);

const committed = { supergraph: await readCommitted('supergraph.graphql') };
for (const name of SUBGRAPH_NAMES) committed[name] = await readCommitted(`${name}.graphql`);

if (values.against) {
  console.log(`schema: the running system, through the gateway at ${values.against}`);
  for (const { ok, line } of await checkDeployed(values.against, committed)) {
    if (ok) console.log(`  ✓ ${line}`);
    else fail(line);
  }
} else {
  if (!values.subgraph) await checkDrift();
  const operations = await collectOperations();
  for (const name of values.subgraph ? [values.subgraph] : SUBGRAPH_NAMES) {
    // pnpm runs the script in schema/: a relative --sdl is relative to where pnpm was run
    const file = values.sdl && resolve(process.env.INIT_CWD ?? process.cwd(), values.sdl);
    const candidateSdl = file ? await readFile(file, 'utf8') : await emitSdl(name);
    console.log(`schema: ${name}, ${file ? file : 'as its code emits it'}, against the committed graph`);
    const report = await checkSubgraph({ name, candidateSdl, committed, operations });
    for (const line of report.problems) fail(line);
    for (const line of report.warnings) warn(line);
    const safe = report.changes.filter((c) => c.startsWith('non_breaking')).length;
    if (safe > 0) console.log(`  ${safe} safe change(s)`);
    if (report.problems.length === 0)
      console.log(
        `  ✓ composes; no breaking change; the ${report.checked} operations that read it are valid`,
      );
  }
  console.log('schema: event payloads between the subgraphs');
  const events = await checkEventContracts();
  for (const line of events.problems) fail(line);
  for (const line of events.warnings) warn(line);
  if (events.problems.length === 0) console.log('  ✓ every field a consumer reads is produced');
}
if (failed) process.exit(1);

/** The committed files equal what the code emits: a forgotten `pnpm schema:compose` fails here. */
async function checkDrift() {
  console.log('schema: the committed SDL against what the code emits');
  const emitted = await emitFiles();
  if (emitted.errors) {
    for (const message of emitted.errors) fail(`composition fails: ${message}`);
    return;
  }
  let drifted = false;
  for (const [file, content] of emitted.files) {
    if ((await readCommitted(file)) === content) continue;
    drifted = true;
    fail(`schema/${file} differs from what the code emits; run pnpm schema:compose and commit it`);
  }
  if (!drifted) console.log('  ✓ composition succeeds and the committed SDL matches the code');
}
