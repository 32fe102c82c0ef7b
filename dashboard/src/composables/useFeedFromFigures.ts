import { watch } from 'vue';
import {
  type ActivityFigures,
  ActivityFiguresChanged,
  ActivityFiguresQuery,
  type CoverageFigures,
  CoverageFiguresChanged,
  CoverageFiguresQuery,
} from '@/graphql/panels';
import { label } from '@/i18n';
import type { FeedItem } from '@/utils/boundedFeed';
import { isNewerVersion } from '@/utils/version';
import { useWallContext } from '@/wall/context';
import { useLiveSubscription } from './useLiveSubscription';
import { usePanelQuery } from './usePanelQuery';

/**
 * Feed lines read off the statistics streams, which a wall token may follow where it may not read
 * the records themselves: organizations registered, organizations newly covered by a Party
 * organization, activities held, each since the figure before. `quiet(kind)` is true while the
 * record stream of that kind is flowing, so nothing is told twice.
 */
export function useFeedFromFigures(
  add: (item: Omit<FeedItem, 'at'>) => void,
  quiet: (kind: FeedItem['kind']) => boolean,
): void {
  const { navigation } = useWallContext();
  const variables = () => ({ regionCode: navigation.current.value });
  let coverage: CoverageFigures | null = null;
  let activity: ActivityFigures | null = null;
  watch(navigation.current, () => {
    coverage = null;
    activity = null;
  });

  const onCoverage = (next: CoverageFigures) => {
    const previous = coverage;
    if (previous && !isNewerVersion(next.version, previous.version)) return;
    coverage = next;
    if (!previous) return;
    const registered = next.organizations - previous.organizations;
    if (registered > 0 && !quiet('registration')) {
      add({
        key: `registration:v${next.version}`,
        kind: 'registration',
        title: { key: 'feed.registeredCount', values: { count: registered } },
        detail: '',
      });
    }
    const covered = next.partyCovered - previous.partyCovered;
    if (covered > 0 && !quiet('partyOrganization')) {
      add({
        key: `party:v${next.version}`,
        kind: 'partyOrganization',
        title: { key: 'feed.coveredCount', values: { count: covered } },
        detail: '',
      });
    }
  };

  const onActivity = (next: ActivityFigures) => {
    const previous = activity;
    if (previous && !isNewerVersion(next.version, previous.version)) return;
    activity = next;
    // a new quarter starts its counts from zero: not news
    if (!previous || previous.quarter !== next.quarter) return;
    const held = next.activities - previous.activities;
    if (held <= 0 || quiet('activity')) return;
    const before = new Map(previous.byType.map((x) => [x.type, x.count]));
    const types = next.byType
      .filter((x) => x.count > (before.get(x.type) ?? 0))
      .map((x) => label('activity', x.type));
    add({
      key: `activity:v${next.version}`,
      kind: 'activity',
      title: { key: 'feed.heldCount', values: { count: held } },
      detail: types.join('、'),
    });
  };

  // the snapshot gives the figure to count from (and, read again, what a dropped message missed)
  const coverageSnapshot = usePanelQuery({ query: CoverageFiguresQuery, variables });
  const activitySnapshot = usePanelQuery({ query: ActivityFiguresQuery, variables });
  watch(coverageSnapshot.data, (data) => data && onCoverage(data.coverageStats));
  watch(activitySnapshot.data, (data) => data && onActivity(data.activityStats));
  useLiveSubscription(CoverageFiguresChanged, variables, (data) => onCoverage(data.coverageStatsChanged));
  useLiveSubscription(ActivityFiguresChanged, variables, (data) => onActivity(data.activityStatsChanged));
}
