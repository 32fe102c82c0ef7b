import { createHash } from 'node:crypto';
import { seededRandom } from '@pb/demo-data';
import type { PersonalDataCipher } from '../personal-data/personal-data.cipher.js';
import type { BatchWriter } from './batch-writer.js';

/**
 * What the phases of one seed share: the writer, the reference day, the cipher, the ID numbers and phones
 * given so far, and the draws. Each member, Party organization and organization draws from a PRNG of its
 * own, seeded by its id, so what one gets never depends on which others a run skips.
 */
export class SeedRun {
  readonly idNumbers = new Set<string>();
  readonly phones = new Set<string>();
  private draw = seededRandom(20261130);

  constructor(
    readonly writer: BatchWriter,
    readonly referenceDay: string,
    readonly cipher: PersonalDataCipher,
  ) {}

  /** From now on, draws from the PRNG of this id. */
  drawFor(id: string): void {
    this.draw = seededRandom(createHash('sha1').update(id).digest().readUInt32BE(0));
  }

  random(): number {
    return this.draw();
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }
}

/** A UUID-shaped id from a stable key (SHA-1, version 5 layout), the same on every machine. */
export function key(name: string): string {
  const hex = createHash('sha1').update(`pb-party-work-demo:${name}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((Number.parseInt(hex[16] as string, 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
