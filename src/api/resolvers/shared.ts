import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { notFound } from '../../domain/shared/errors.js';
import type { CentreScope, Period } from '../../read/index.js';
import { readAccess } from '../access.js';
import type { ApiContext } from '../context.js';

/** A document the query named by id, or NOT_FOUND on that argument. */
export function found<T>(value: T | undefined, field: string, what: string): T {
  if (value === undefined) throw notFound(field, `no ${what} has this id`);
  return value;
}

/** The centres a list reads: the one named (if it exists and the reader may see it), else all the reader may see. */
export function centresFor(context: ApiContext, centreId?: string | null): CentreScope {
  if (!centreId) return context.scope;
  found(context.read.centre(centreId), 'centreId', 'centre');
  readAccess.centre(context, centreId);
  return [centreId];
}

export const periodOf = (args: { from?: string | null; to?: string | null }): Period => ({ from: args.from ?? null, to: args.to ?? null });

/** Reads a mutation's entity after its events are in the views. */
export async function afterWrite<R, T>(
  context: ApiContext,
  handled: Promise<{ result: R; position: bigint }>,
  read: (result: R) => T | undefined,
): Promise<{ entity: T; position: string }> {
  const { position, ...result } = await context.answerOnceViewsInclude(await handled);
  const entity = read(result as unknown as R);
  if (entity === undefined) throw new Error('the views did not reach this write in time');
  return { entity, position };
}

/**
 * Whether the answer selects, under its field `field`, only fields in `allowed` (fragments
 * included): then a mutation can answer that entity from the state its command left (src/read/as-written.ts).
 */
export function selectsOnly(info: GraphQLResolveInfo, field: string, allowed: ReadonlySet<string>): boolean {
  const within = (selectionSet: SelectionSetNode | undefined, check: (name: string, set: SelectionSetNode | undefined) => boolean): boolean =>
    (selectionSet?.selections ?? []).every((selection) => {
      if (selection.kind === Kind.FIELD) return check(selection.name.value, selection.selectionSet);
      const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : info.fragments[selection.name.value];
      return fragment !== undefined && within(fragment.selectionSet, check);
    });
  return info.fieldNodes.every((node) =>
    within(node.selectionSet, (name, set) => name !== field || within(set, (inner) => inner === '__typename' || allowed.has(inner))),
  );
}
