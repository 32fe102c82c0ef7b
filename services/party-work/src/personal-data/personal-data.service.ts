import type { Viewer } from '@pb/platform/viewer';
import type { AuditedRequest } from './audited-request.js';
import { maskIdNumber, maskPhone, type PersonalDataCipher } from './personal-data.cipher.js';
import type { PersonalDataReadService } from './personal-data-read.service.js';
import { PersonalDataReadField } from './personal-data-read.type.js';

export type PersonalField = 'idNumber' | 'phone';

/**
 * The one way personal data leaves this service: the PartyMember field resolvers call `reveal`, so
 * every query path (lists, single lookups, `_entities`, subscriptions) masks alike. A viewer whose role
 * may read personal data gets the raw value, and the read is written to the append-only audit log first.
 */
export class PersonalDataService {
  constructor(
    private readonly cipher: PersonalDataCipher,
    private readonly reads: PersonalDataReadService,
  ) {}

  async reveal(
    member: { id: string; regionCode: string; idNumberSealed: string | null; phoneSealed: string | null },
    field: PersonalField,
    viewer: Viewer,
    request: AuditedRequest,
  ): Promise<string | null> {
    const sealed = field === 'idNumber' ? member.idNumberSealed : member.phoneSealed;
    if (!sealed) return null;
    const plain = this.cipher.decrypt(Buffer.from(sealed, 'base64'));
    if (!viewer.can('read:personal')) return field === 'idNumber' ? maskIdNumber(plain) : maskPhone(plain);
    await this.reads.record(
      {
        viewer,
        field: field === 'idNumber' ? PersonalDataReadField.ID_NUMBER : PersonalDataReadField.PHONE,
        memberId: member.id,
        regionCode: member.regionCode,
      },
      request,
    );
    return plain;
  }
}
