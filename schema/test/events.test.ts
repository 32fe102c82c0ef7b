import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkEventContracts } from '../src/events.mjs';

describe('the event payloads between the subgraphs', () => {
  it('hold as the code stands', async () => {
    expect((await checkEventContracts()).problems).toEqual([]);
  });

  it('fail when the producer stops writing a field the consumer reads, naming both', async () => {
    const contract = {
      event: 'SocialOrganizationChanged',
      producer: 'organization',
      producedIn: 'producer.ts',
      consumer: 'party-work',
      consumedIn: 'consumer.ts',
      consumerType: 'OrganizationSnapshot',
    };
    const report = await checkEventContracts([contract], join(import.meta.dirname, 'fixtures'));
    expect(report.problems).toEqual([
      'SocialOrganizationChanged.regionCode: party-work reads it (consumer.ts (OrganizationSnapshot)), organization does not write it (producer.ts)',
    ]);
    expect(report.warnings).toEqual([
      'SocialOrganizationChanged.status: party-work reads it (consumer.ts (OrganizationSnapshot)), organization does not write it (producer.ts); optional there',
    ]);
  });
});
