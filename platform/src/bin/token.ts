#!/usr/bin/env node
/**
 * Prints a development token: `pnpm run token --role analyst --region 330000` (no --region: national).
 */
import { parseArgs } from 'node:util';
import { EnvReader, readCommonConfig } from '../config.js';
import { isRegionCode } from '../region-scope.js';
import { ROLES, type Role, signDevelopmentToken } from '../viewer.js';

const { values } = parseArgs({
  options: {
    role: { type: 'string', default: 'analyst' },
    region: { type: 'string' },
    subject: { type: 'string' },
    expires: { type: 'string', default: '12h' },
  },
});

const role = values.role as Role;
if (!ROLES.includes(role)) fail(`--role must be one of ${ROLES.join(', ')}, got "${values.role}"`);
if (values.region !== undefined && !isRegionCode(values.region)) {
  fail(`--region must be a 6-digit administrative division code such as 330000, got "${values.region}"`);
}

const reader = new EnvReader();
const config = readCommonConfig(reader);
reader.done();
if (config.environment === 'production') fail('development tokens are not issued when NODE_ENV=production');

const token = await signDevelopmentToken(
  { subject: values.subject ?? `dev-${role}`, roles: [role], regionCode: values.region ?? null },
  config.auth,
  values.expires,
);
process.stdout.write(`${token}\n`);

function fail(message: string): never {
  process.stderr.write(`pnpm run token: ${message}\n`);
  process.exit(2);
}
