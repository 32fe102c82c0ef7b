import { onScopeDispose, watch } from 'vue';
import { ChildRegionsDocument } from '@/graphql/generated/graphql';
import type { WallNavigation } from '@/wall/navigation';
import { usePanelQuery } from './usePanelQuery';

/**
 * `?rotate=N`: every N seconds the wall shows the next child region of its root, then the root
 * again, and so round. Does nothing without N; a click elsewhere does not stop it.
 */
export function useRotation(navigation: WallNavigation, seconds: number | null): void {
  if (seconds === null) return;
  const children = usePanelQuery({
    query: ChildRegionsDocument,
    variables: () => ({ regionCode: navigation.root }),
    reconcileEveryMs: 3_600_000,
  });
  let step = 0;
  const timer = setInterval(() => {
    const codes = children.data.value?.regions.map((region) => region.code) ?? [];
    const stops: Array<string | null> = [navigation.root, ...codes];
    step = (step + 1) % stops.length;
    navigation.show(stops[step] ?? navigation.root);
  }, seconds * 1000);
  // a new list of children starts the round again
  watch(children.data, () => {
    step = 0;
  });
  onScopeDispose(() => clearInterval(timer));
}
