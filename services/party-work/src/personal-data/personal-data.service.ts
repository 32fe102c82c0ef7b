import type { Viewer } from '@pb/platform';
import type { DataSource } from 'typeorm';
import { maskIdNumber, maskPhone, type PersonalDataCipher } from './personal-data.cipher.js';

export type PersonalField = 'idNumber' | 'phone';

/**
 * The one way personal data leaves this service: the PartyMember field resolvers call `reveal`, so
 * every query path (lists, single lookups, `_entities`, subscriptions) masks alike. A viewer whose role
 * may read personal data gets the raw value, and the read is written to the append-only audit table first.
 */
export class PersonalDataService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: PersonalDataCipher,
  ) {}

  async reveal(
    member: { id: string; idNumberSealed: string | null; phoneSealed: string | null },
    field: PersonalField,
    viewer: Viewer,
    requestId: string,
  ): Promise<string | null> {
    const sealed = field === 'idNumber' ? member.idNumberSealed : member.phoneSealed;
    if (!sealed) return null;
    const plain = this.cipher.decrypt(Buffer.from(sealed, 'base64'));
    if (!viewer.can('read:personal')) return field === 'idNumber' ? maskIdNumber(plain) : maskPhone(plain);
    await this.dataSource.query(
      'INSERT INTO personal_data_read (viewer_subject, viewer_role, member_id, field, request_id) VALUES (?, ?, ?, ?, ?)',
      [viewer.subject, viewer.roles.join(','), member.id, field, requestId],
    );
    return plain;
  }
}
