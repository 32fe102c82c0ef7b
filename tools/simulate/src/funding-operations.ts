import { today } from '@pb/platform/calendar';
import { int, type Operation, pick, weighted } from './operation-kit.js';

/**
 * 经费: money received for a branch's Party work (dues allocated back, a special fund, a project grant),
 * so the wall's funding by source moves too; amounts in whole yuan, as vouchers are.
 */
export const recordFunding: Operation = {
  name: 'funding',
  weight: 3,
  async run({ gateway, world, random }) {
    const branch = pick(random, world.branches);
    if (!branch) return null;
    const [source, minYuan, maxYuan] = weighted(random, [
      [['DUES_ALLOCATION', 200, 3_000], 35],
      [['SOCIAL_CONSTRUCTION_FUND', 5_000, 50_000], 15],
      [['REWARD_IN_LIEU', 2_000, 20_000], 15],
      [['PROJECT', 10_000, 80_000], 10],
      [['FISCAL_SPECIAL', 5_000, 30_000], 10],
      [['SELF_RAISED', 500, 10_000], 15],
    ] as const);
    return gateway.request('mutation ($input: RecordFundingInput!) { recordFunding(input: $input) { id } }', {
      input: {
        source,
        amountFen: int(random, minYuan, maxYuan) * 100,
        receivedOn: today(),
        partyOrganizationId: branch.id,
      },
    });
  },
};
