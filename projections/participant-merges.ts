import { defineProjection } from './projection.js';

/**
 * Who a participant counts as, over time: a document per participant ever merged, with every
 * period of their merge as `[keepId, mergedAt, unmergedAt]` (recording instants, as attendance
 * keeps them), so counts as of an instant before a merge, or after its undoing, are those of then.
 * Read by src/read/merges.ts, the one place that turns a participant into the person counted.
 */
export interface ParticipantMergeView {
  readonly id: string;
  /** The participant counted instead of this one now; null once unmerged. */
  readonly keepId: string | null;
  readonly periods: readonly (readonly [keepId: string, mergedAt: string, unmergedAt: string | null])[];
}

export const participantMerges = defineProjection<ParticipantMergeView, 'ParticipantMerged' | 'ParticipantUnmerged'>({
  name: 'participant_merges',
  version: 1,
  handles: ['ParticipantMerged', 'ParticipantUnmerged'],
  documentIds: (event) => [event.data.participantId],
  evolve: (doc, event, id) => {
    const at = event.metadata.recordedAt;
    if (event.type === 'ParticipantMerged') {
      return { id, keepId: event.data.keepId, periods: [...(doc?.periods ?? []), [event.data.keepId, at, null] as const] };
    }
    if (!doc) return doc;
    return { id, keepId: null, periods: doc.periods.map((period) => (period[2] === null ? ([period[0], period[1], at] as const) : period)) };
  },
  columns: { keep_id: { type: 'TEXT', value: (doc) => doc.keepId } },
  indexes: [['keep_id']],
});
