import { demoUscc } from '@pb/demo-data';
import { today } from '@pb/platform/calendar';
import type { System } from './system.js';

export const WALL_EVENT_KINDS = ['member', 'registration', 'activity', 'cover'] as const;
export type WallEventKind = (typeof WALL_EVENT_KINDS)[number];

/**
 * Real changes through the gateway that move what the wall shows, in a repeating cycle of four: a full
 * member joins (正式党员, stages), an organization registers (社会组织, map and ranking rates, feed), an
 * activity is held (三会一课, activity trends, feed), and a joint branch is set up covering the
 * organization registered just before (覆盖率, map, feed). Each call makes one change.
 */
export class WallEvents {
  private sent = 0;
  private uscc = 0;
  /** organizations registered and not yet covered, oldest first */
  private readonly uncovered: Array<{ id: string; county: string }> = [];

  private constructor(
    private readonly system: System,
    private readonly operatorToken: string,
    private readonly organizations: Array<{ id: string; county: string }>,
    private readonly branchIds: string[],
    private readonly random: () => number,
  ) {}

  static async load(system: System, seed = Date.now()): Promise<WallEvents> {
    const organizations = await system.graphql<{
      socialOrganizations: { edges: Array<{ node: { id: string; region: { code: string } } }> };
    }>('{ socialOrganizations(first: 500) { edges { node { id region { code } } } } }');
    const branches = await system.graphql<{
      partyOrganizations: { edges: Array<{ node: { id: string } }> };
    }>(
      '{ partyOrganizations(first: 500, filter: { type: BRANCH, active: true }) { edges { node { id } } } }',
    );
    const orgs = organizations.data?.socialOrganizations.edges.map((e) => ({
      id: e.node.id,
      county: e.node.region.code,
    }));
    const branchIds = branches.data?.partyOrganizations.edges.map((e) => e.node.id);
    if (!orgs?.length || !branchIds?.length) {
      throw new Error(
        `the seeded system has no organizations or branches to change: ${JSON.stringify([organizations.errors, branches.errors])}`,
      );
    }
    let state = seed >>> 0;
    const random = () => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return state / 2 ** 32;
    };
    return new WallEvents(system, await system.token('operator'), orgs, branchIds, random);
  }

  /** Makes the next change of the cycle; resolves with its kind and the GraphQL errors, if any. */
  async next(): Promise<{ kind: WallEventKind; problem: string | null }> {
    const kind = WALL_EVENT_KINDS[this.sent++ % WALL_EVENT_KINDS.length]!;
    const result =
      kind === 'member'
        ? await this.addFullMember()
        : kind === 'registration'
          ? await this.register()
          : kind === 'activity'
            ? await this.holdActivity()
            : await this.coverNewest();
    return { kind, problem: result.errors?.length ? result.errors.map((e) => e.message).join('; ') : null };
  }

  private pick<T>(items: T[]): T {
    return items[Math.floor(this.random() * items.length)] as T;
  }

  private mutate(query: string, variables: Record<string, unknown>) {
    return this.system.graphql(query, variables, { token: this.operatorToken });
  }

  private addFullMember() {
    return this.mutate('mutation ($input: AddPartyMemberInput!) { addPartyMember(input: $input) { id } }', {
      input: {
        name: `负载${this.sent}`,
        stage: 'FULL',
        socialOrganizationId: this.pick(this.organizations).id,
      },
    });
  }

  private async register() {
    const county = this.pick(this.organizations).county;
    const result = await this.mutate(
      `mutation ($input: RegisterSocialOrganizationInput!) { registerSocialOrganization(input: $input) { id } }`,
      {
        input: {
          uscc: demoUscc(this.random, '1', county),
          name: `负载测试网络协会${++this.uscc}`,
          type: 'SOCIAL_ASSOCIATION',
          regionCode: county,
          registeredAt: today(),
          registrationAuthority: '民政局',
          staffCount: 5,
        },
      },
    );
    const id = (result.data as { registerSocialOrganization?: { id: string } } | undefined)
      ?.registerSocialOrganization?.id;
    if (id) this.uncovered.push({ id, county });
    return result;
  }

  private holdActivity() {
    const online = this.random() < 0.5;
    return this.mutate('mutation ($input: RecordActivityInput!) { recordActivity(input: $input) { id } }', {
      input: {
        branchId: this.pick(this.branchIds),
        type: this.pick(['GENERAL_MEETING', 'GROUP_MEETING', 'PARTY_LECTURE', 'THEMED_PARTY_DAY']),
        mode: online ? 'HYBRID' : 'OFFLINE',
        title: `负载测试活动${this.sent}`,
        heldAt: new Date(Date.now() - 3600_000).toISOString(),
        expected: 10,
        // present + online + excused + absent = expected
        present: online ? 5 : 7,
        online: online ? 2 : 0,
        excused: 2,
        absent: 1,
      },
    });
  }

  private async coverNewest() {
    const organization = this.uncovered.shift();
    // nothing registered yet (or its registration failed): another member instead
    if (!organization) return this.addFullMember();
    return this.mutate(
      `mutation ($input: EstablishPartyOrganizationInput!) { establishPartyOrganization(input: $input) { id } }`,
      {
        input: {
          name: `负载测试联合党支部${this.sent}`,
          type: 'BRANCH',
          formationMode: 'JOINT',
          regionCode: organization.county,
          establishedAt: today(),
          coveredOrganizationIds: [organization.id],
        },
      },
    );
  }
}
