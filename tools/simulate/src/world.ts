import { addMonths, today } from '@pb/platform/calendar';
import type { GraphQLClient } from '@pb/platform/graphql-client';
import { loadRegions, type RegionRecord } from '@pb/platform/regions';

/**
 * What the simulator knows of the data, read through the gateway with the operator's own token (so only
 * its region): the organizations, active branches and members at each stage that an operation may act on.
 * Pools are read again every `refreshMs` or when one runs dry; an operation takes the record it acts on
 * out of its pool, so two operations in flight never act on the same member or organization at once.
 */

export interface KnownOrganization {
  id: string;
  name: string;
  regionCode: string;
  eligible: boolean;
  fullMembers: number;
  charterClause: string;
  /** The covering Party organization, if any. */
  partyOrganizationId: string | null;
  /** Covered by a Party organization or an active work-coverage measure. */
  workCovered: boolean;
}

export interface KnownBranch {
  id: string;
  name: string;
  regionCode: string;
  establishedAt: string;
  hasCommittee: boolean;
  members: number;
  /** Its current staff posts (empty when party-work could not answer). */
  posts: KnownPost[];
}

/** A staff post a branch has now (书记 … 党务工作者), and the member holding it when one does. */
export interface KnownPost {
  id: string;
  role: string;
  memberId: string | null;
}

export interface KnownMember {
  id: string;
  stage: string;
  stageSince: string;
  probationEndsOn: string | null;
  /** Class hours of training held since the current stage began (a candidate's count toward admission). */
  trainingHours: number;
}

const STAGES = ['APPLICANT', 'ACTIVIST', 'CANDIDATE', 'PROBATIONARY'] as const;
export type AdvancingStage = (typeof STAGES)[number];

const ORGANIZATION_FIELDS = `id name eligible reportedFullMemberCount charterClause region { code }
  partyCoverage { partyOrganization { id } } workCoverage { until }`;

interface Connection<T> {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: Array<{ node: T }>;
}

interface OrganizationNode {
  id: string;
  name: string;
  eligible: boolean;
  reportedFullMemberCount: number;
  charterClause: string;
  region: { code: string };
  partyCoverage: { partyOrganization: { id: string } } | null;
  workCoverage: Array<{ until: string | null }>;
}

export class World {
  organizations: KnownOrganization[] = [];
  branches: KnownBranch[] = [];
  readonly members = new Map<AdvancingStage, KnownMember[]>();
  /** Full members (正式党员), who advance no further but are owed a talk every year and counted by the yearly training, as probationary ones are. */
  fullMembers: KnownMember[] = [];
  /** Counties where new organizations register: the operator's region, or where organizations are. */
  counties: RegionRecord[] = [];
  private readonly regionsByCode = new Map(loadRegions().map((r) => [r.code, r]));
  private refreshedAt = 0;
  private refreshing: Promise<void> | undefined;

  constructor(
    private readonly gateway: GraphQLClient,
    private readonly regionCode: string | null,
    private readonly refreshMs = 20_000,
    /** At most this many organizations are read (pages of 500). */
    private readonly maxOrganizations = 5_000,
  ) {}

  region(code: string): RegionRecord | undefined {
    return this.regionsByCode.get(code);
  }

  /** Reads the pools again when they are older than `refreshMs` (or `force`); one read at a time. */
  async refresh(force = false): Promise<void> {
    if (!force && Date.now() - this.refreshedAt < this.refreshMs) return;
    this.refreshing ??= this.read().finally(() => {
      this.refreshing = undefined;
    });
    await this.refreshing;
  }

  private async read(): Promise<void> {
    const organizations = await this.readOrganizations();
    const branches = await this.readBranches();
    const members = await Promise.all(STAGES.map((stage) => this.readMembers(stage)));
    this.fullMembers = await this.readMembers('FULL');
    this.organizations = organizations;
    this.branches = branches;
    STAGES.forEach((stage, i) => {
      this.members.set(stage, members[i] ?? []);
    });
    this.counties = this.registrationCounties();
    this.refreshedAt = Date.now();
  }

  private async readOrganizations(): Promise<KnownOrganization[]> {
    const found: KnownOrganization[] = [];
    const day = today();
    let after: string | null = null;
    while (found.length < this.maxOrganizations) {
      const result = await this.gateway.request<{ socialOrganizations: Connection<OrganizationNode> }>(
        `query ($filter: SocialOrganizationFilter, $after: String) {
           socialOrganizations(filter: $filter, first: 500, after: $after) {
             pageInfo { hasNextPage endCursor } edges { node { ${ORGANIZATION_FIELDS} } }
           }
         }`,
        { filter: { status: 'ACTIVE', regionCode: this.regionCode }, after },
      );
      if (!result.ok) throw new Error(`cannot read organizations: ${result.code}: ${result.message}`);
      const page: Connection<OrganizationNode> = result.data.socialOrganizations;
      for (const { node } of page.edges) {
        const partyOrganizationId = node.partyCoverage?.partyOrganization.id ?? null;
        found.push({
          id: node.id,
          name: node.name,
          regionCode: node.region.code,
          eligible: node.eligible,
          fullMembers: node.reportedFullMemberCount,
          charterClause: node.charterClause,
          partyOrganizationId,
          workCovered:
            partyOrganizationId !== null ||
            node.workCoverage.some((measure) => measure.until === null || measure.until >= day),
        });
      }
      if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) break;
      after = page.pageInfo.endCursor;
    }
    return found;
  }

  private async readBranches(): Promise<KnownBranch[]> {
    const result = await this.gateway.request<{
      partyOrganizations: Connection<{
        id: string;
        name: string;
        establishedAt: string;
        hasCommittee: boolean;
        region: { code: string };
        /** null when party-work could not answer */
        members: { totalCount: number } | null;
        staff: KnownPost[] | null;
      }>;
    }>(
      `query ($filter: PartyOrganizationFilter) {
         partyOrganizations(filter: $filter, first: 500) {
           pageInfo { hasNextPage endCursor }
           edges { node { id name establishedAt hasCommittee region { code } members(first: 1) { totalCount }
                        staff { id role memberId } } }
         }
       }`,
      { filter: { type: 'BRANCH', active: true, regionCode: this.regionCode } },
    );
    if (!result.ok) throw new Error(`cannot read branches: ${result.code}: ${result.message}`);
    const known = new Map(this.branches.map((branch) => [branch.id, branch.members]));
    return result.data.partyOrganizations.edges.map(({ node }) => ({
      id: node.id,
      name: node.name,
      regionCode: node.region.code,
      establishedAt: node.establishedAt,
      hasCommittee: node.hasCommittee,
      // a count party-work could not give keeps the one read before (it only sizes attendance)
      members: node.members?.totalCount ?? known.get(node.id) ?? 0,
      posts: node.staff ?? [],
    }));
  }

  private async readMembers(stage: AdvancingStage | 'FULL'): Promise<KnownMember[]> {
    const result = await this.gateway.request<{
      partyMembers: Connection<{
        id: string;
        stage: string;
        stageSince: string;
        probationEndsOn: string | null;
        trainings: Array<{ hours: number; startedOn: string }>;
      }>;
    }>(
      `query ($filter: PartyMemberFilter) {
         partyMembers(filter: $filter, first: 300) {
           pageInfo { hasNextPage endCursor }
           edges { node { id stage stageSince probationEndsOn trainings { hours startedOn } } }
         }
       }`,
      { filter: { stage, regionCode: this.regionCode } },
    );
    if (!result.ok) throw new Error(`cannot read ${stage} members: ${result.code}: ${result.message}`);
    return result.data.partyMembers.edges.map(({ node }) => ({
      id: node.id,
      stage: node.stage,
      stageSince: node.stageSince,
      probationEndsOn: node.probationEndsOn,
      trainingHours: node.trainings
        .filter((t) => t.startedOn >= node.stageSince)
        .reduce((sum, t) => sum + t.hours, 0),
    }));
  }

  /**
   * Counties of the operator's region; a national operator registers organizations in the provinces
   * that already have some, so the wall's map lights up where the demo lives.
   */
  private registrationCounties(): RegionRecord[] {
    const all = [...this.regionsByCode.values()].filter((r) => r.level === 'COUNTY');
    if (this.regionCode) {
      const prefix = this.regionCode.replace(/(00)+$/, '');
      const within = all.filter((r) => r.code.startsWith(prefix));
      return within.length > 0 ? within : all.filter((r) => r.code === this.regionCode);
    }
    const provinces = new Set(this.organizations.map((o) => o.regionCode.slice(0, 2)));
    const within = all.filter((r) => provinces.has(r.code.slice(0, 2)));
    return within.length > 0 ? within : all;
  }

  /** Members of a stage who may take the next step today (by the rules of development). */
  readyToAdvance(stage: AdvancingStage, day = today()): KnownMember[] {
    const pool = this.members.get(stage) ?? [];
    if (stage === 'ACTIVIST') return pool.filter((m) => addMonths(m.stageSince, 12) <= day);
    if (stage === 'PROBATIONARY') return pool.filter((m) => (m.probationEndsOn ?? '9999') <= day);
    return pool.filter((m) => m.stageSince <= day);
  }

  /** Takes a member out of its pool (an operation acts on it). */
  take(stage: AdvancingStage, member: KnownMember): void {
    const pool = this.members.get(stage) ?? [];
    const at = pool.indexOf(member);
    if (at >= 0) pool.splice(at, 1);
  }

  /** Organizations an operation in flight acts on; another operation leaves them alone until it ends. */
  readonly busy = new Set<string>();

  /** Organizations that match `test` and no operation is acting on. */
  idle(test: (organization: KnownOrganization) => boolean): KnownOrganization[] {
    return this.organizations.filter((o) => !this.busy.has(o.id) && test(o));
  }
}
