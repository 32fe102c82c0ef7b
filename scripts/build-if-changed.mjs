#!/usr/bin/env node
/**
 * `node scripts/build-if-changed.mjs --stamp FILE --output FILE --inputs A,B,… -- COMMAND`: runs COMMAND
 * (through the shell) unless the output exists and the inputs hash to what the stamp says the last
 * successful run built from; then writes the stamp. For builds without an incremental mode of their own
 * (the wall's Vite build; tsc has `tsc -b`). Inputs are files or folders (read recursively), relative to
 * the working directory. Contents are hashed, not compared by time: a checkout that rewrites files with
 * the same content costs no build, and one that brings back older files still builds.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  options: { stamp: { type: 'string' }, output: { type: 'string' }, inputs: { type: 'string' } },
  allowPositionals: true,
});
if (!values.stamp || !values.output || !values.inputs || positionals.length === 0) {
  process.stderr.write('usage: build-if-changed.mjs --stamp FILE --output FILE --inputs A,B,… -- COMMAND\n');
  process.exit(2);
}
const command = positionals.join(' ');

const hash = createHash('sha256');
for (const input of values.inputs.split(',').sort()) addInput(input);
const digest = hash.digest('hex');

if (
  existsSync(values.output) &&
  existsSync(values.stamp) &&
  readFileSync(values.stamp, 'utf8').trim() === digest
) {
  process.stdout.write(`inputs unchanged since ${values.output} was built; skipped: ${command}\n`);
  process.exit(0);
}
// a build that fails half-way must not leave the old stamp beside its partial output
rmSync(values.stamp, { force: true });
const result = spawnSync(command, { shell: true, stdio: 'inherit' });
if (result.status !== 0) process.exit(result.status ?? 1);
mkdirSync(dirname(values.stamp), { recursive: true });
writeFileSync(values.stamp, `${digest}\n`);

/** Adds a file's path and content, or a folder's files in name order; a missing input counts as absent. */
function addInput(path) {
  if (!existsSync(path)) {
    hash.update(`absent ${path}\0`);
    return;
  }
  if (statSync(path).isDirectory()) {
    for (const name of readdirSync(path).sort()) addInput(join(path, name));
    return;
  }
  hash.update(`file ${path}\0`);
  hash.update(readFileSync(path));
  hash.update('\0');
}
