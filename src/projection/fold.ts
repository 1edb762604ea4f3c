import type { EventOfType, Lookup, Projection } from '../../projections/projection.js';
import type { LedgerEvent } from '../domain/catalogue.js';
import type { RecordedEvent } from '../store/port.js';
import { toProjectedEvent } from './views.js';

const noLookup: Lookup = (view) => {
  throw new Error(`this projection looks up the ${view} view, so one stream cannot answer for it`);
};

/**
 * One document of a projection that looks up no other view, folded from the events that make it
 * (an entity's own stream): the document the views hold once they have applied those events.
 */
export function foldDocument<Doc, T extends LedgerEvent['type']>(projection: Projection<Doc, T>, id: string, events: readonly RecordedEvent[]): Doc | undefined {
  const handled = new Set<string>(projection.handles);
  let doc: Doc | undefined;
  for (const recorded of events) {
    if (!handled.has(recorded.type)) continue;
    const event = toProjectedEvent(recorded, false) as EventOfType<T>;
    if (projection.documentIds(event, noLookup).includes(id)) doc = projection.evolve(doc, event, id, noLookup);
  }
  return doc;
}
