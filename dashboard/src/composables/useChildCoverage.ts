import { CoverageByRegionDocument, CoverageStatsChangedDocument } from '@/graphql/generated/graphql';
import { useWallContext } from '@/wall/context';
import { useLiveSubscription } from './useLiveSubscription';
import { usePanelQuery } from './usePanelQuery';

/**
 * Coverage of each child region of the region shown. No stream carries the rows, so they are read
 * again (at most every two seconds) whenever the region's own coverage figure changes.
 */
export function useChildCoverage() {
  const { navigation } = useWallContext();
  const variables = () => ({ regionCode: navigation.current.value });
  const rows = usePanelQuery({ query: CoverageByRegionDocument, variables, minRefreshMs: 2_000 });
  useLiveSubscription(CoverageStatsChangedDocument, variables, () => rows.refresh());
  return rows;
}
