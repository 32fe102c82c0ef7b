import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { OrganizationContext } from '../context.js';
import { Region, RegionLevel } from './region.type.js';

/** Regions are public reference data: any verified viewer may read them. */
@Resolver(() => Region)
export class RegionResolver {
  @Query(() => Region, { nullable: true, description: 'A region by its 6-digit code.' })
  region(@Arg('code', () => ID) code: string, @Ctx() { regions }: OrganizationContext): Region | undefined {
    return regions.find(code);
  }

  @Query(() => [Region], { description: 'The children of a region (provinces when parentCode is null).' })
  regions(
    @Arg('parentCode', () => ID, { nullable: true }) parentCode: string | null,
    @Arg('level', () => RegionLevel, { nullable: true }) level: RegionLevel | null,
    @Ctx() { regions }: OrganizationContext,
  ): Region[] {
    return regions.list(parentCode ?? null, level ?? undefined);
  }

  @FieldResolver(() => Region, { nullable: true })
  parent(@Root() region: Region, @Ctx() { regions }: OrganizationContext): Region | undefined {
    return region.parentCode ? regions.find(region.parentCode) : undefined;
  }

  @FieldResolver(() => [Region])
  children(@Root() region: Region, @Ctx() { regions }: OrganizationContext): Region[] {
    return regions.children(region.code);
  }
}
