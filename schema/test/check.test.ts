import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkSubgraph } from '../src/checks.mjs';
import { compose, readCommitted } from '../src/graphs.mjs';
import { collectOperations } from '../src/operations.mjs';

type Committed = Record<string, string>;
let committed: Committed;
let operations: unknown[];

beforeAll(async () => {
  committed = {
    organization: await readCommitted('organization.graphql'),
    'party-work': await readCommitted('party-work.graphql'),
    supergraph: await readCommitted('supergraph.graphql'),
  };
  operations = await collectOperations();
});

/** `sdl` with `from` replaced by `to`, failing when `from` is not there (the test would prove nothing). */
function edit(sdl: string, from: string | RegExp, to: string): string {
  const edited = sdl.replace(from, to);
  expect(edited).not.toBe(sdl);
  return edited;
}

const check = (name: string, candidateSdl: string, against: Committed = committed) =>
  checkSubgraph({ name, candidateSdl, committed: against, operations });

describe('schema:check --subgraph', () => {
  it('passes the code as committed', async () => {
    for (const name of ['organization', 'party-work']) {
      expect((await check(name, committed[name]!)).problems).toEqual([]);
    }
  });

  it('fails removing blankSpots, naming the field and the query that reads it', async () => {
    const candidate = edit(committed.organization!, /\n *"""空白点[^"]*"""\n *blankSpots: Int!/, '');
    const { problems } = await check('organization', candidate);
    expect(problems.join('\n')).toMatch(/breaking: .*\(CoverageStats\.blankSpots\)\n.*CoverageByCity/);
    expect(problems.join('\n')).toContain(
      'CoverageByCity (gateway/saved-queries/03-coverage-by-city.graphql)',
    );
  });

  it('passes adding a nullable field', async () => {
    const candidate = edit(committed.organization!, /\ntype Query \{\n/, '\ntype Query {\n  motto: String\n');
    const report = await check('organization', candidate);
    expect(report.problems).toEqual([]);
    expect(report.changes).toContain(
      "non_breaking: Field 'motto' was added to object type 'Query' (Query.motto)",
    );
  });

  it('fails renaming the field that organization’s resync reads from party-work, naming resync', async () => {
    const candidate = edit(committed['party-work']!, 'reportedFullMemberCounts(', 'reportedCounts(');
    const text = (await check('party-work', candidate)).problems.join('\n');
    expect(text).toContain('(Query.reportedFullMemberCounts)');
    expect(text).toContain(
      "organization's resync anonymous query reportedFullMemberCounts (services/organization/src/social-organization/full-member-count.resync.ts) would fail",
    );
  });

  it('passes removing a field the committed supergraph marks deprecated, and fails it otherwise', async () => {
    const withField = (directive: string) =>
      edit(committed.organization!, /\ntype Query \{\n/, `\ntype Query {\n  motto: String${directive}\n`);
    const committedWith = (sdl: string): Committed => {
      const graphs = { ...committed, organization: sdl };
      return { ...graphs, supergraph: compose(graphs).supergraphSdl };
    };
    const deprecated = await check(
      'organization',
      committed.organization!,
      committedWith(withField(' @deprecated(reason: "Nobody reads it.")')),
    );
    expect(deprecated.problems).toEqual([]);
    expect(deprecated.warnings.join('\n')).toContain('removed after its deprecation');
    const live = await check('organization', committed.organization!, committedWith(withField('')));
    expect(live.problems.join('\n')).toContain("breaking: Field 'motto' was removed");
  });

  it('fails a candidate that does not compose', async () => {
    const candidate = edit(committed['party-work']!, /\ntype Query \{\n/, '\ntype Query {\n  regions: Int\n');
    expect((await check('party-work', candidate)).problems.join('\n')).toContain('does not compose');
  });
});

describe('the command', () => {
  it('exits 1 and names the field and its reader for --subgraph organization --sdl FILE', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'schema-check-')), 'organization.graphql');
    await writeFile(file, edit(committed.organization!, /\n *"""空白点[^"]*"""\n *blankSpots: Int!/, ''));
    const run = promisify(execFile)(
      process.execPath,
      ['check.mjs', '--subgraph', 'organization', '--sdl', file],
      {
        cwd: join(import.meta.dirname, '..'),
      },
    );
    const failure = await run.then(
      () => undefined,
      (error: { code: number; stdout: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stdout).toContain('CoverageStats.blankSpots');
    expect(failure?.stdout).toContain('saved analyst query CoverageByCity');
  });
});
