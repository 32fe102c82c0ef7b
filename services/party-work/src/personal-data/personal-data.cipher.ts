import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Encryption at rest of ID numbers and phones: AES-256-GCM with a random 12-byte nonce per value
 * (stored as nonce ‖ tag ‖ ciphertext), and an HMAC-SHA-256 under a key derived from the same secret so
 * a duplicate is found by an indexed equality without decrypting anything.
 */
export class PersonalDataCipher {
  private readonly hashKey: Buffer;

  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('the personal-data key must be 32 bytes');
    this.hashKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'pb party-work lookup hash', 32));
  }

  encrypt(plain: string): Buffer {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([nonce, cipher.getAuthTag(), body]);
  }

  decrypt(sealed: Buffer): string {
    const decipher = createDecipheriv('aes-256-gcm', this.key, sealed.subarray(0, 12));
    decipher.setAuthTag(sealed.subarray(12, 28));
    return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
  }

  /**
   * A value that identifies the key without revealing it: an HMAC of a fixed label under a key derived
   * for this use alone. Stored once, it tells a later start whether it was given the same key.
   */
  checkValue(): Buffer {
    const checkKey = Buffer.from(
      hkdfSync('sha256', this.key, Buffer.alloc(0), 'pb party-work key check', 32),
    );
    return createHmac('sha256', checkKey).update('PERSONAL_DATA_KEY check value v1').digest();
  }

  /** The keyed hash a unique index holds; `kind` keeps an ID number and a phone with equal digits apart. */
  hash(kind: 'id' | 'phone', plain: string): Buffer {
    return createHmac('sha256', this.hashKey).update(`${kind}:${plain}`).digest();
  }
}

/** `110101199003071234` → `110***********1234`: region of issue and the last four kept. */
export function maskIdNumber(value: string): string {
  return value.length <= 7
    ? '*'.repeat(value.length)
    : `${value.slice(0, 3)}${'*'.repeat(value.length - 7)}${value.slice(-4)}`;
}

/** `13812345678` → `138****5678`. */
export function maskPhone(value: string): string {
  return value.length <= 7
    ? '*'.repeat(value.length)
    : `${value.slice(0, 3)}${'*'.repeat(value.length - 7)}${value.slice(-4)}`;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 11643 check of an 18-character resident ID number; the problem, or null when valid. */
export function idNumberProblem(value: string): string | null {
  if (!/^\d{17}[\dX]$/.test(value)) return 'must be 18 characters: 17 digits and a digit or X';
  const birth = value.slice(6, 14);
  const date = new Date(`${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10).replace(/-/g, '') !== birth)
    return `carries an impossible birth date ${birth}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(value[i]) * (ID_WEIGHTS[i] as number);
  const expected = ID_CHECK[sum % 11];
  return value[17] === expected ? null : `has a wrong check character: the 18th should be "${expected}"`;
}

/** The birth date an ID number carries, YYYY-MM-DD. */
export function birthDateOf(idNumber: string): string {
  return `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
}

/** Completes 17 digits with their GB 11643 check character (demo data and tests). */
export function withIdCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (ID_WEIGHTS[i] as number);
  return `${first17}${ID_CHECK[sum % 11]}`;
}

export function phoneProblem(value: string): string | null {
  return /^1[3-9]\d{9}$/.test(value) ? null : 'must be an 11-digit mainland mobile number starting 13–19';
}
