import type { TypedDocumentNode } from '@apollo/client/core';
import type { RegionVariables } from '@/graphql/operations';
import { useWallContext } from '@/wall/context';
import { useLiveSubscription } from './useLiveSubscription';
import { type PanelQuery, usePanelQuery } from './usePanelQuery';

/**
 * A versioned statistics figure of the region shown: its snapshot (`{ field: figure }`) read as any
 * panel's, then each whole new figure from its stream (`{ changedField: figure }`) shown if newer.
 */
export function useLiveFigure<
  TFigure extends { version: string },
  TField extends string,
  TChanged extends string,
>(
  query: TypedDocumentNode<Record<TField, TFigure>, RegionVariables>,
  field: TField,
  subscription: TypedDocumentNode<Record<TChanged, TFigure>, RegionVariables>,
  changedField: TChanged,
): PanelQuery<Record<TField, TFigure>> {
  const { navigation } = useWallContext();
  const variables = () => ({ regionCode: navigation.current.value });
  const figure = usePanelQuery({ query, variables, version: (data) => data[field].version });
  useLiveSubscription(subscription, variables, (data) => {
    figure.apply({ [field]: data[changedField] } as Record<TField, TFigure>);
  });
  return figure;
}
