import { gql, type TypedDocumentNode } from '@apollo/client/core';
import coverageStatsChangedSource from './CoverageStatsChanged.graphql?raw';
import memberStatsChangedSource from './MemberStatsChanged.graphql?raw';
import wallFiguresSource from './WallFigures.graphql?raw';

// the operations live in .graphql files so the schema checks can read them as they are

/** Variables shared by the wall's operations; `regionCode` null means national. */
export interface RegionVariables {
  regionCode: string | null;
}

/** 社会组织: the number of social organizations in scope, with the version of that figure. */
export interface OrganizationsFigure {
  version: string;
  organizations: number;
}

/** 正式党员: the number of full Party members in scope, with the version of that figure. */
export interface FullMembersFigure {
  version: string;
  fullMembers: number;
}

export interface WallFiguresData {
  coverageStats: OrganizationsFigure;
  memberStats: FullMembersFigure;
}

export interface CoverageStatsChangedData {
  coverageStatsChanged: OrganizationsFigure;
}

export interface MemberStatsChangedData {
  memberStatsChanged: FullMembersFigure;
}

export const WallFigures: TypedDocumentNode<WallFiguresData, RegionVariables> = gql(wallFiguresSource);

export const CoverageStatsChanged: TypedDocumentNode<CoverageStatsChangedData, RegionVariables> =
  gql(coverageStatsChangedSource);

export const MemberStatsChanged: TypedDocumentNode<MemberStatsChangedData, RegionVariables> =
  gql(memberStatsChangedSource);
