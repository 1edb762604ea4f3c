import { defineProjection } from './projection.js';

export interface CentreView {
  readonly id: string;
  readonly name: string;
  readonly municipality: string;
  readonly district: string;
  readonly openedAt: string;
}

export const centres = defineProjection<CentreView, 'CentreOpened' | 'CentreDetailsCorrected'>({
  name: 'centres',
  version: 2,
  handles: ['CentreOpened', 'CentreDetailsCorrected'],
  documentIds: (event) => [event.data.centreId],
  evolve: (doc, event) => ({
    id: event.data.centreId,
    name: event.data.name,
    municipality: event.data.municipality,
    district: event.data.district,
    // A correction keeps when the centre was opened.
    openedAt: doc?.openedAt ?? event.metadata.recordedAt,
  }),
  columns: {
    name: { type: 'TEXT', value: (doc) => doc.name },
    district: { type: 'TEXT', value: (doc) => doc.district },
  },
  indexes: [['district']],
});
