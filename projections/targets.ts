import type { Indicator } from '../src/domain/targets/events.js';
import { defineProjection } from './projection.js';

/**
 * The target for one (indicator, period, centre). Each value it has had is kept with the instant
 * it was set, so that indicators counted as of an earlier instant compare with the target of then.
 */
export interface TargetView {
  readonly id: string;
  readonly indicator: Indicator;
  readonly from: string;
  readonly to: string;
  /** Null for a target of the whole programme. */
  readonly centreId: string | null;
  /** The current value: the one set last. */
  readonly value: number;
  readonly setAt: string;
  /** Every value set, oldest first, with the instant it was recorded. */
  readonly history: readonly { readonly value: number; readonly setAt: string }[];
}

export const targets = defineProjection<TargetView, 'TargetSet'>({
  name: 'targets',
  version: 1,
  handles: ['TargetSet'],
  documentIds: (event) => [event.data.targetId],
  evolve: (doc, { data, metadata }) => ({
    id: data.targetId,
    indicator: data.indicator,
    from: data.from,
    to: data.to,
    centreId: data.centreId,
    value: data.value,
    setAt: metadata.recordedAt,
    history: [...(doc?.history ?? []), { value: data.value, setAt: metadata.recordedAt }],
  }),
  columns: {
    indicator: { type: 'TEXT', value: (doc) => doc.indicator },
    from_date: { type: 'TEXT', value: (doc) => doc.from },
    to_date: { type: 'TEXT', value: (doc) => doc.to },
    centre_id: { type: 'TEXT', value: (doc) => doc.centreId },
    value: { type: 'REAL', value: (doc) => doc.value },
  },
  indexes: [['from_date', 'to_date'], ['centre_id']],
});

/** The value a target had at an instant (ISO, as recordedAt is written): null when none was set yet. */
export function targetValueAsOf(doc: TargetView, asOf: string | null | undefined): number | null {
  if (!asOf) return doc.value;
  let value: number | null = null;
  for (const entry of doc.history) if (entry.setAt <= asOf) value = entry.value;
  return value;
}
