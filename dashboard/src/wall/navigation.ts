import { computed, shallowRef } from 'vue';

/**
 * Which region the whole wall shows. It starts at the root (`?region=` or national) and never goes
 * above it; a click on the map drills down, "back" climbs one level, rotation steps through children.
 */
export function createWallNavigation(root: string | null) {
  const current = shallowRef<string | null>(root);
  const trail = shallowRef<Array<string | null>>([]);

  return {
    root,
    current: computed(() => current.value),
    /** Whether there is a level above the one shown that the wall may climb to. */
    canGoUp: computed(() => trail.value.length > 0),
    /** Shows `code`, remembering the region shown now for {@link up}. */
    drill(code: string): void {
      if (code === current.value) return;
      trail.value = [...trail.value, current.value];
      current.value = code;
    },
    /** Back to the region shown before the last drill. */
    up(): void {
      const previous = trail.value.at(-1);
      if (previous === undefined) return;
      trail.value = trail.value.slice(0, -1);
      current.value = previous;
    },
    /** Shows `code` as one step below the root (rotation), or the root itself. */
    show(code: string | null): void {
      trail.value = code === root ? [] : [root];
      current.value = code;
    },
  };
}

export type WallNavigation = ReturnType<typeof createWallNavigation>;
