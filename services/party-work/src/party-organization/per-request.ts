import DataLoader from 'dataloader';
import type { PartyWorkContext } from '../context.js';

/**
 * A loader that lives as long as one request, made when a field first asks for it: the fields a list of
 * Party organizations resolves per element batch into one query per field and set of arguments. Kept
 * beside the request's context, not in it, so the fields that take arguments need no loader of their own
 * in the context for every request.
 */
const loaders = new WeakMap<PartyWorkContext, Map<string, DataLoader<string, unknown>>>();

export function perRequest<V>(
  context: PartyWorkContext,
  field: string,
  args: unknown,
  load: (ids: readonly string[]) => Promise<V[]>,
): DataLoader<string, V> {
  const ofRequest = loaders.get(context) ?? new Map<string, DataLoader<string, unknown>>();
  loaders.set(context, ofRequest);
  const key = `${field}:${JSON.stringify(args)}`;
  let loader = ofRequest.get(key);
  if (!loader) {
    loader = new DataLoader<string, V>(load) as DataLoader<string, unknown>;
    ofRequest.set(key, loader);
  }
  return loader as DataLoader<string, V>;
}
