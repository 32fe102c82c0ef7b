// @vitest-environment node
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import config from '../../../codegen';

// the typed documents are committed so that a build needs no codegen; this keeps them true to the
// .graphql files, and (codegen validates every operation) those true to schema/supergraph.graphql
const dashboard = fileURLToPath(new URL('../../../', import.meta.url));
const generatedDir = 'src/graphql/generated/';

describe('src/graphql/generated', () => {
  it('is what `pnpm --filter @pb/dashboard codegen` makes of the .graphql files now', async () => {
    const outputs = await generate({ ...config, cwd: dashboard, silent: true }, false);
    const fresh = Object.fromEntries(
      outputs.map((output: { filename: string; content: string }) => [
        output.filename.replace(dashboard, ''),
        output.content,
      ]),
    );
    const committed = Object.fromEntries(
      await Promise.all(
        (await readdir(dashboard + generatedDir)).map(async (file) => [
          generatedDir + file,
          await readFile(dashboard + generatedDir + file, 'utf8'),
        ]),
      ),
    );
    // a whole-file comparison: the message names the stale file; run the codegen script to fix it
    expect(Object.keys(committed).sort()).toEqual(Object.keys(fresh).sort());
    for (const [file, content] of Object.entries(fresh)) expect(committed[file], file).toBe(content);
  }, 30_000);
});
