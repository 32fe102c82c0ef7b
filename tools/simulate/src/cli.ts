#!/usr/bin/env node
/**
 * `pnpm simulate [--rate R] [--seconds N] [--gateway URL] [--region CODE] [--seed N] [--json]`: drives
 * realistic operations through the gateway so the wall moves: 三会一课 and other activities, applications,
 * transfers and stage changes of members, registrations (valid USCCs), new Party organizations, work
 * coverage and charter clauses, in a weighted mix that keeps to the domain's rules. Prints a status line
 * every few seconds and a summary at the end (Ctrl-C ends a run without --seconds).
 * It acts as development operators, one for every 20 operations a second (each within the gateway's
 * per-token rate limit), or with SIMULATE_TOKEN alone.
 */
import { parseArgs } from 'node:util';
import { seededRandom } from '@pb/demo-data';
import { EnvReader, readCommonConfig } from '@pb/platform/config';
import { GraphQLClient } from '@pb/platform/graphql-client';
import { isRegionCode } from '@pb/platform/region-scope';
import { signDevelopmentToken } from '@pb/platform/viewer';
import { formatSummary, Simulator } from './simulator.js';

const USAGE = `usage: pnpm simulate [--rate R] [--seconds N] [--gateway URL] [--region CODE] [--seed N] [--json]
  --rate R        operations per second (default 5)
  --seconds N     stop after N seconds (default: until Ctrl-C)
  --gateway URL   the gateway's GraphQL endpoint (default: SIMULATE_GATEWAY, which \`pnpm simulate\`
                  sets as every command finds the system: GATEWAY_PORT, else the running
                  \`pnpm start\`, else http://127.0.0.1:4000/graphql)
  --region CODE   act only in this region and below, with an operator token of it (default: national)
  --seed N        seed of the random choices, to repeat a run's mix (default: the clock)
  --json          end with the summary as one JSON line on stdout
`;

function fail(message: string): never {
  process.stderr.write(`pnpm simulate: ${message}\n${USAGE}`);
  process.exit(2);
}

let values: Record<string, string | boolean | undefined>;
try {
  ({ values } = parseArgs({
    options: {
      rate: { type: 'string', default: '5' },
      seconds: { type: 'string' },
      gateway: { type: 'string', default: process.env.SIMULATE_GATEWAY ?? 'http://localhost:4000/graphql' },
      region: { type: 'string' },
      seed: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  }));
} catch (error) {
  fail((error as Error).message);
}
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const rate = Number(values.rate);
if (!(rate > 0 && rate <= 1000))
  fail(`--rate must be a number of operations per second from 0 to 1000, got "${values.rate}"`);
const seconds = values.seconds === undefined ? undefined : Number(values.seconds);
if (seconds !== undefined && !(seconds > 0))
  fail(`--seconds must be a positive number, got "${values.seconds}"`);
const region = values.region as string | undefined;
if (region !== undefined && !isRegionCode(region))
  fail(`--region must be a 6-digit administrative division code such as 330000, got "${region}"`);
const seed = values.seed === undefined ? Date.now() : Number(values.seed);
if (!Number.isInteger(seed)) fail(`--seed must be a whole number, got "${values.seed}"`);

const tokens = process.env.SIMULATE_TOKEN
  ? [process.env.SIMULATE_TOKEN]
  : await operatorTokens(region ?? null, rate);
const gateway = new GraphQLClient(String(values.gateway), tokens);
const abort = new AbortController();
process.once('SIGINT', () => abort.abort());
process.once('SIGTERM', () => abort.abort());

const log = (line: string) => process.stderr.write(`simulate: ${line}\n`);
log(
  `${rate} ops/s through ${values.gateway}${region ? ` in ${region}` : ''}${seconds ? ` for ${seconds} s` : ' until Ctrl-C'} (seed ${seed})`,
);
try {
  const summary = await new Simulator({
    gateway,
    rate,
    seconds,
    regionCode: region ?? null,
    random: seededRandom(seed),
    status: (s) => log(formatSummary(s)),
    log,
    signal: abort.signal,
  }).run();
  log(`done: ${formatSummary(summary)}`);
  if (values.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
} catch (error) {
  log(`cannot start: ${(error as Error).message}`);
  process.exit(1);
}

/**
 * Development operator tokens, one for every 20 operations a second: the simulation acts as several
 * operators, each well within the gateway's per-token rate limit (300 requests in 10 s).
 */
async function operatorTokens(regionCode: string | null, rate: number): Promise<string[]> {
  const reader = new EnvReader();
  const config = readCommonConfig(reader);
  reader.done();
  if (config.environment === 'production')
    fail('set SIMULATE_TOKEN: development tokens are not issued in production');
  const operators = Math.max(1, Math.ceil(rate / 20));
  return Promise.all(
    Array.from({ length: operators }, (_, i) =>
      signDevelopmentToken({ subject: `simulate-${i + 1}`, roles: ['operator'], regionCode }, config.auth),
    ),
  );
}
