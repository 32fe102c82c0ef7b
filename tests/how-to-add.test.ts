import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// docs/how-to-add.md lists the files a new field or statistic touches; a file moved or removed must move
// there too, or the page sends the next person to a file that is not there
const repo = fileURLToPath(new URL('../', import.meta.url));
const doc = readFileSync(`${repo}docs/how-to-add.md`, 'utf8');
const paths = [...doc.matchAll(/`((?:services|platform|schema|tests|docs|dashboard)\/[^`\s]+)`/g)]
  .map((match) => match[1] ?? '')
  .filter((path) => !path.includes('<'));

describe('docs/how-to-add.md', () => {
  it('names files', () => {
    expect(paths.length).toBeGreaterThan(20);
  });

  it.each([...new Set(paths)])('%s exists', (path) => {
    expect(existsSync(repo + path)).toBe(true);
  });
});
