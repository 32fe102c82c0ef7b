// @vitest-environment node
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// docs/how-to-add-a-panel.md lists the files a new panel touches; a file moved or removed must move there too
const repo = fileURLToPath(new URL('../../../', import.meta.url));
const doc = readFileSync(`${repo}docs/how-to-add-a-panel.md`, 'utf8');
const paths = [...doc.matchAll(/`((?:dashboard|schema|tests)\/[^`\s]+)`/g)]
  .map((match) => match[1] ?? '')
  .filter((path) => !path.includes('<'));

describe('docs/how-to-add-a-panel.md', () => {
  it('names files', () => {
    expect(paths.length).toBeGreaterThan(20);
  });

  it('lists every stream the wall follows, one subscription document each', () => {
    const dir = `${repo}dashboard/src/graphql/`;
    const subscriptions = readdirSync(dir)
      .filter((file) => file.endsWith('.graphql'))
      .filter((file) => /^\s*subscription\b/m.test(readFileSync(dir + file, 'utf8')))
      .map((file) => `dashboard/src/graphql/${file}`);
    expect(subscriptions.filter((path) => !paths.includes(path))).toEqual([]);
  });

  it.each([...new Set(paths)])('%s exists', (path) => {
    expect(existsSync(repo + path)).toBe(true);
  });
});
