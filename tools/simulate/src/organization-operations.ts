import { demoOrganizationName, demoPersonName, demoUscc } from '@pb/demo-data';
import { today } from '@pb/platform/calendar';
import type { GraphQLClient, GraphQLOutcome } from '@pb/platform/graphql-client';
import { holding, int, type Operation, pick, weighted } from './operation-kit.js';
import type { KnownOrganization, World } from './world.js';

/** Organizations and their coverage: registration, Party organizations, work coverage, the charter clause. */

/** 登记: a new network social organization registers with civil affairs (a valid USCC). */
export const registerOrganization: Operation = {
  name: 'registration',
  weight: 8,
  async run({ gateway, world, random }) {
    const county = pick(random, world.counties);
    if (!county) return null;
    const city = world.region(county.parentCode ?? '') ?? county;
    const scope = city.level === 'PROVINCE' && random() < 0.5 ? county : city;
    const { name, type, category, kind } = demoOrganizationName(random, scope.name);
    const charterClause = weighted(random, [
      ['PENDING', 40],
      ['BASIC', 30],
      ['MISSING', 20],
      ['FULL_LEADERSHIP', 10],
    ] as const);
    const result = await gateway.request<{
      registerSocialOrganization: { id: string; name: string; region: { code: string } };
    }>(
      'mutation ($input: RegisterSocialOrganizationInput!) { registerSocialOrganization(input: $input) { id name region { code } } }',
      {
        input: {
          uscc: demoUscc(random, category, county.code),
          name,
          type,
          category: kind,
          regionCode: county.code,
          registeredAt: today(),
          registrationAuthority: `${scope.name}民政局`,
          staffCount: int(random, 3, 120),
          charterClause,
        },
      },
    );
    if (result.ok) {
      const registered = result.data.registerSocialOrganization;
      world.organizations.push({
        id: registered.id,
        name: registered.name,
        regionCode: registered.region.code,
        eligible: false,
        fullMembers: 0,
        charterClause,
        partyOrganizationId: null,
        workCovered: false,
      });
    }
    return result;
  },
};

/**
 * 应建尽建: an eligible organization (≥ 3 full members) without a Party organization sets up its own
 * branch (with a committee from 7 full members); where none is eligible, two or three small uncovered
 * organizations of one county form a joint branch (at most five units).
 */
export const establishPartyOrganization: Operation = {
  name: 'party-organization',
  weight: 5,
  async run({ gateway, world, random }) {
    const standalone = pick(
      random,
      world.idle((o) => o.eligible && o.partyOrganizationId === null),
    );
    const day = today();
    if (standalone) {
      return holding(world, [standalone.id], () =>
        establish(gateway, world, [standalone], {
          name: `中共${standalone.name}支部委员会`,
          type: 'BRANCH',
          formationMode: 'STANDALONE',
          regionCode: standalone.regionCode,
          establishedAt: day,
          hasCommittee: standalone.fullMembers >= 7,
          coveredOrganizationIds: [standalone.id],
        }),
      );
    }
    const uncovered = world.idle((o) => o.partyOrganizationId === null);
    const seed = pick(random, uncovered);
    if (!seed) return null;
    const neighbours = uncovered.filter((o) => o.regionCode === seed.regionCode).slice(0, int(random, 2, 3));
    if (neighbours.length < 2) return null;
    const county = world.region(seed.regionCode);
    return holding(
      world,
      neighbours.map((o) => o.id),
      () =>
        establish(gateway, world, neighbours, {
          name: `中共${county?.name ?? ''}网络社会组织第${int(random, 1, 99)}联合支部委员会`,
          type: 'BRANCH',
          formationMode: 'JOINT',
          regionCode: seed.regionCode,
          establishedAt: day,
          hasCommittee: false,
          coveredOrganizationIds: neighbours.map((o) => o.id),
        }),
    );
  },
};

async function establish(
  gateway: GraphQLClient,
  world: World,
  covered: KnownOrganization[],
  input: Record<string, unknown>,
): Promise<GraphQLOutcome<unknown>> {
  const result = await gateway.request<{
    establishPartyOrganization: { id: string; name: string; establishedAt: string; hasCommittee: boolean };
  }>(
    'mutation ($input: EstablishPartyOrganizationInput!) { establishPartyOrganization(input: $input) { id name establishedAt hasCommittee } }',
    { input },
  );
  if (result.ok) {
    const party = result.data.establishPartyOrganization;
    for (const organization of covered) {
      organization.partyOrganizationId = party.id;
      organization.workCovered = true;
    }
    world.branches.push({
      id: party.id,
      name: party.name,
      regionCode: String(input.regionCode),
      establishedAt: party.establishedAt,
      hasCommittee: party.hasCommittee,
      members: 0,
      posts: [],
    });
  }
  return result;
}

/** 工作覆盖: a blank spot gets an instructor or liaison, or a union or Youth League body. */
export const addWorkCoverage: Operation = {
  name: 'work-coverage',
  weight: 6,
  async run({ gateway, world, random }) {
    const organization = pick(
      random,
      world.idle((o) => !o.workCovered),
    );
    if (!organization) return null;
    const kind = weighted(random, [
      ['INSTRUCTOR', 5],
      ['LIAISON', 2],
      ['UNION', 2],
      ['YOUTH_LEAGUE', 1],
    ] as const);
    const person = kind === 'INSTRUCTOR' || kind === 'LIAISON';
    return holding(world, [organization.id], async () => {
      const result = await gateway.request(
        'mutation ($input: AddWorkCoverageInput!) { addWorkCoverage(input: $input) { id } }',
        {
          input: {
            socialOrganizationId: organization.id,
            kind,
            since: today(),
            ...(person ? { personName: demoPersonName(random), lastContactAt: today() } : {}),
          },
        },
      );
      if (result.ok) organization.workCovered = true;
      return result;
    });
  },
};

/** 党建入章: an organization writes the Party-building clause into its charter. */
export const writeCharterClause: Operation = {
  name: 'charter',
  weight: 4,
  async run({ gateway, world, random }) {
    const organization = pick(
      random,
      world.idle((o) => o.charterClause === 'MISSING' || o.charterClause === 'PENDING'),
    );
    if (!organization) return null;
    const clause = random() < 0.7 ? 'BASIC' : 'FULL_LEADERSHIP';
    return holding(world, [organization.id], async () => {
      const result = await gateway.request(
        'mutation ($id: ID!, $clause: CharterClause!, $on: String!) { setCharterClause(socialOrganizationId: $id, clause: $clause, changedOn: $on) { id } }',
        { id: organization.id, clause, on: today() },
      );
      if (result.ok) organization.charterClause = clause;
      return result;
    });
  },
};
