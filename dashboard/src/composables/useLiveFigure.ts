import type { TypedDocumentNode } from '@apollo/client/core';
import { onScopeDispose } from 'vue';
import { t } from '@/i18n';
import { useWallContext } from '@/wall/context';
import { useLiveSubscription } from './useLiveSubscription';
import { type PanelQuery, usePanelQuery } from './usePanelQuery';

/** Variables of the wall's statistics: the region shown, `null` for national. */
export interface RegionScope {
  regionCode?: string | number | null;
}

/** Options of {@link useLiveFigure}. */
export interface LiveFigureOptions {
  /**
   * The connection state stands for this figure (the headline's): the wall is live only once it has
   * been read since the socket came up, and not while its stream is down.
   * @default false
   */
  carriesConnection?: boolean;
}

/**
 * A versioned statistics figure of the region shown, the one way the wall follows live data: its
 * snapshot (`{ field: figure }`) read as any panel's (on mount, on every reconnect and again once the
 * gateway has subscribed upstream, every minute), then each whole new figure from its stream
 * (`{ changedField: figure }`, the wall's shared subscription) shown only if its version is newer.
 * A stream the server ended and that was started again is followed by a read, for what it missed.
 */
export function useLiveFigure<
  TFigure extends { version: string },
  TChangedFigure extends TFigure,
  TField extends string,
  TChanged extends string,
>(
  query: TypedDocumentNode<Record<TField, TFigure>, RegionScope>,
  field: TField,
  subscription: TypedDocumentNode<Record<TChanged, TChangedFigure>, RegionScope>,
  changedField: TChanged,
  options: LiveFigureOptions = {},
): PanelQuery<Record<TField, TFigure>> {
  const { navigation, connection } = useWallContext();
  const link = options.carriesConnection ? connection.follow() : null;
  const variables = (): RegionScope => ({ regionCode: navigation.current.value });
  const figure = usePanelQuery({
    query,
    variables,
    version: (data) => data[field].version,
    onAnswered: link ? (epoch) => link.synced(epoch) : undefined,
  });
  useLiveSubscription(
    subscription,
    variables,
    (data) => {
      // the stream's figure carries the snapshot's fields, and whatever other panels of the stream select
      const changed: TFigure = data[changedField];
      figure.apply({ [field]: changed } as Record<TField, TFigure>);
    },
    {
      onLost: () => {
        if (!link) return;
        link.lost();
        // for whoever looks after the wall: why it is not live although the socket is up
        connection.report(t('problem.stream', { stream: changedField }));
      },
      onResubscribed: () => figure.resync(),
    },
  );
  if (link) onScopeDispose(() => link.release());
  return figure;
}
