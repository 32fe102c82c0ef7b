import { timingSafeEqual } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { PersonalDataCipher } from './personal-data.cipher.js';

/** What a start with another key than the data's is told; it names the setting and what to do. */
export const KEY_MISMATCH =
  'PERSONAL_DATA_KEY differs from the key the stored ID numbers and phones were encrypted with, so none of them could be read. ' +
  'Start with the key the data was encrypted with (check PERSONAL_DATA_KEY or PERSONAL_DATA_KEY_FILE); ' +
  'to change the key, re-encrypt the personal data under the new key and then replace the row of personal_data_key_check.';

/**
 * Compares the configured PERSONAL_DATA_KEY with the check value the database holds, right after the
 * migrations and before anything is served: a wrong key stops the start with KEY_MISMATCH, where it would
 * otherwise make every personal-data read fail. The first start stores the check value, after making sure
 * that data encrypted before the check value existed decrypts under its key.
 */
export async function checkPersonalDataKey(
  dataSource: DataSource,
  cipher: PersonalDataCipher,
): Promise<void> {
  const expected = cipher.checkValue();
  let stored = await storedCheckValue(dataSource);
  if (stored === null) {
    await refuseUnreadableData(dataSource, cipher);
    // two first starts at once: the same key stores the same value, another key is caught just below
    await dataSource.query('INSERT IGNORE INTO personal_data_key_check (id, check_value) VALUES (1, ?)', [
      expected,
    ]);
    stored = await storedCheckValue(dataSource);
  }
  if (stored === null || stored.length !== expected.length || !timingSafeEqual(stored, expected))
    throw new Error(KEY_MISMATCH);
}

/**
 * The data source just opened (and migrated), once `key` is checked against it; on a wrong key it is
 * closed and the start stops with KEY_MISMATCH. The server and every command that writes personal data
 * open the database through this.
 */
export async function withCheckedPersonalDataKey(dataSource: DataSource, key: Buffer): Promise<DataSource> {
  try {
    await checkPersonalDataKey(dataSource, new PersonalDataCipher(key));
    return dataSource;
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
}

async function storedCheckValue(dataSource: DataSource): Promise<Buffer | null> {
  const [row] = (await dataSource.query(
    'SELECT check_value FROM personal_data_key_check WHERE id = 1',
  )) as Array<{
    check_value: Buffer;
  }>;
  return row ? Buffer.from(row.check_value) : null;
}

/** Data written before there was a check value must decrypt under the key about to be recorded as right. */
async function refuseUnreadableData(dataSource: DataSource, cipher: PersonalDataCipher): Promise<void> {
  const [row] = (await dataSource.query(
    'SELECT COALESCE(id_number_enc, phone_enc) AS sealed FROM party_member WHERE id_number_enc IS NOT NULL OR phone_enc IS NOT NULL LIMIT 1',
  )) as Array<{ sealed: Buffer }>;
  if (!row) return;
  try {
    cipher.decrypt(Buffer.from(row.sealed));
  } catch {
    throw new Error(KEY_MISMATCH);
  }
}
