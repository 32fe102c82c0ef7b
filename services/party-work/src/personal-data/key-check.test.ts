import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPartyWorkApp } from '../app.js';
import { DEVELOPMENT_PERSONAL_DATA_KEY } from '../config.js';
import { startTestApp, type TestApp } from '../test-support.js';
import { KEY_MISMATCH } from './key-check.js';
import { PersonalDataCipher, withIdCheck } from './personal-data.cipher.js';

const DEVELOPMENT_KEY = Buffer.from(DEVELOPMENT_PERSONAL_DATA_KEY, 'base64');

const ORG = '00000000-0000-4000-8000-000000001451';
const ADD = 'mutation ($input: AddPartyMemberInput!) { addPartyMember(input: $input) { id } }';

/** A start with another PERSONAL_DATA_KEY than the data's stops before serving (issue 14). */
let test: TestApp;

beforeAll(async () => {
  test = await startTestApp();
});
afterAll(async () => {
  await test?.stop();
});

/** Starts a second server on the test app's database with `key`. */
const startWith = (key: Buffer) =>
  createPartyWorkApp({
    ...test.env.common,
    port: 0,
    database: test.env.database,
    consumerGroup: 'party-work',
    personalDataKey: key,
    activityRecordingWindowDays: 30,
    organizationUrl: 'http://127.0.0.1:4001/graphql',
  });

describe('the PERSONAL_DATA_KEY check value', () => {
  it('is stored by the first start', async () => {
    const rows = await test.app.dataSource.query('SELECT id, check_value FROM personal_data_key_check');
    expect(rows).toHaveLength(1);
    expect(Buffer.from(rows[0].check_value)).toEqual(new PersonalDataCipher(DEVELOPMENT_KEY).checkValue());
  });

  it('stops a start with another key, saying the key differs from the one the data was encrypted with', async () => {
    await expect(startWith(randomBytes(32))).rejects.toThrow(KEY_MISMATCH);
    expect(KEY_MISMATCH).toContain(
      'PERSONAL_DATA_KEY differs from the key the stored ID numbers and phones were encrypted with',
    );
  });

  it('lets a start with the same key through', async () => {
    const again = await startWith(DEVELOPMENT_KEY);
    await again.start(0);
    await again.stop();
  });

  it('is not stored for a key that cannot read data encrypted before there was a check value', async () => {
    await test.app.services.organizations.apply(
      { id: ORG, name: '杭州市数据安全协会', regionCode: '330106', status: 'ACTIVE' },
      1,
    );
    const added = await test.as('operator', ADD, {
      input: { name: '测试成员', socialOrganizationId: ORG, idNumber: withIdCheck('33010619800101123') },
    });
    expect(added.errors).toBeUndefined();
    // as a database from before the check value's migration: encrypted data, no check value
    await test.app.dataSource.query('DELETE FROM personal_data_key_check');
    await expect(startWith(randomBytes(32))).rejects.toThrow(KEY_MISMATCH);
    expect(await test.app.dataSource.query('SELECT 1 FROM personal_data_key_check')).toHaveLength(0);
    const right = await startWith(DEVELOPMENT_KEY);
    await right.start(0);
    await right.stop();
    expect(await test.app.dataSource.query('SELECT 1 FROM personal_data_key_check')).toHaveLength(1);
  });
});
