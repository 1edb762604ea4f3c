import type { ProjectionSettings } from '../../projections/projection.js';
import { workshops, type WorkshopView } from '../../projections/workshops.js';
import { streamOf as workshopStream } from '../domain/workshops/decider.js';
import { foldDocument } from '../projection/fold.js';
import type { EventStore } from '../store/port.js';

/**
 * An entity as its own stream in the log now has it, folded by the projection that keeps its view:
 * what a mutation answers without waiting for the views to apply its events.
 */
export interface AsWritten {
  workshop(workshopId: string): Promise<WorkshopView | undefined>;
}

export function createAsWritten(store: EventStore, settings: ProjectionSettings): AsWritten {
  const workshopView = workshops(settings);
  return {
    async workshop(workshopId) {
      return foldDocument(workshopView, workshopId, await store.readStream(workshopStream(workshopId)));
    },
  };
}
