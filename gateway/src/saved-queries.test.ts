import { readFile } from 'node:fs/promises';
import { buildASTSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { readGatewayConfig } from './config.js';
import { loadSavedQueries, readSavedQuery } from './saved-queries.js';

const config = readGatewayConfig({ NODE_ENV: 'test' });

describe('the saved queries in gateway/saved-queries', () => {
  it('answer the analysts’ common questions, each stated in Chinese and English', async () => {
    const saved = await loadSavedQueries(config.savedQueriesDir);
    expect(saved.map((q) => q.operationName)).toEqual(
      expect.arrayContaining(['EligibleNotEstablished', 'BranchesBehindCompliance', 'CoverageByCity']),
    );
    for (const query of saved) {
      expect(query.questionZh, query.file).toMatch(/[\u4e00-\u9fff]/);
      expect(query.questionEn, query.file).toMatch(/[A-Za-z]+ [A-Za-z]+ [A-Za-z]+/);
    }
  });

  it('are valid against the committed supergraph', async () => {
    const schema = buildASTSchema(parse(await readFile(config.supergraphPath, 'utf8')));
    for (const query of await loadSavedQueries(config.savedQueriesDir)) {
      const errors = validate(schema, parse(query.query)).map((error) => error.message);
      expect(errors, query.file).toEqual([]);
    }
  });
});

describe('reading a saved query', () => {
  const questions = '# 问题\n# Question\n';

  it('refuses a file without its two question lines', () => {
    expect(() => readSavedQuery('a.graphql', 'query A { __typename }')).toThrow(
      'saved query a.graphql: start it with two comment lines',
    );
    expect(() => readSavedQuery('b.graphql', '# 问题\nquery B { __typename }')).toThrow('two comment lines');
  });

  it('refuses anything but one named query, naming the file', () => {
    expect(() => readSavedQuery('c.graphql', `${questions}{ __typename }`)).toThrow('one named query');
    expect(() => readSavedQuery('d.graphql', `${questions}mutation D { x }`)).toThrow('one named query');
    expect(() => readSavedQuery('e.graphql', `${questions}query E { a } query F { b }`)).toThrow(
      'one named query',
    );
    expect(() => readSavedQuery('f.graphql', `${questions}query F {`)).toThrow(
      'saved query f.graphql: Syntax Error',
    );
  });

  it('keeps the file whole and takes the questions and the operation name', () => {
    expect(readSavedQuery('g.graphql', `${questions}query G { __typename }`)).toEqual({
      file: 'g.graphql',
      operationName: 'G',
      questionZh: '问题',
      questionEn: 'Question',
      query: `${questions}query G { __typename }`,
    });
  });
});
