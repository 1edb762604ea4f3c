import { authorize, can } from '../../auth/policy.js';
import { LIKELY_SAME_PERSON } from '../../domain/people/matching.js';
import type { ParticipantView } from '../../../projections/participants.js';
import type { SimilarPerson } from '../../people/name-index.js';
import { movedFrom } from '../access.js';
import type { ApiContext } from '../context.js';
import type { Resolvers } from '../generated/resolvers.js';
import { afterWrite, found } from './shared.js';

/** The name index, which every server opened by openLedger has. */
function namesOf(context: ApiContext) {
  if (!context.names) throw new Error('this server has no index of names');
  return context.names;
}

/**
 * Who may look for the same person: those who may read names at the centre named (staff, legal
 * advisers of it, admins); without a centre, those who may read names at some centre.
 */
function checkMatchingAccess(context: ApiContext, centreId: string | null | undefined) {
  if (centreId) {
    found(context.read.centre(centreId), 'centreId', 'centre');
    authorize(context.actor, 'readParticipantNames', { centreId });
    return;
  }
  if (!can(context.actor, 'readParticipantNames', {}) && !context.actor.centreIds.some((id) => can(context.actor, 'readParticipantNames', { centreId: id }))) {
    authorize(context.actor, 'readParticipantNames');
  }
}

/** The centre a search is made for: the one named, else the first where the searcher reads names (see access.ts, MATCH). */
const searchCentre = (context: ApiContext, centreId: string | null | undefined) =>
  centreId ?? context.actor.centreIds.find((id) => can(context.actor, 'readParticipantNames', { centreId: id }));

const withParticipants = (context: ApiContext, matches: readonly SimilarPerson[], askedAt: string | undefined) => {
  const byId = new Map(context.read.participants(matches.map((m) => m.participantId)).map((p) => [p.id, p]));
  return matches.flatMap((match) => {
    const participant = byId.get(match.participantId);
    return participant ? [{ participant, score: match.score, askedAt }] : [];
  });
};

export const peopleResolvers: Resolvers = {
  Query: {
    similarParticipants: (_, { givenName, familyName, birthYear, centreId }, context) => {
      checkMatchingAccess(context, centreId);
      return withParticipants(context, namesOf(context).find({ givenName, familyName, birthYear: birthYear ?? null }), searchCentre(context, centreId));
    },
    possibleDuplicates: (_, { centreId }, context) => {
      checkMatchingAccess(context, centreId);
      const centres = centreId ? [centreId] : context.read.centres(context.scope).map((c) => c.id);
      const names = namesOf(context);
      const seen = new Set<string>();
      const pairs: { participant: ParticipantView; other: ParticipantView; score: number; askedAt: string }[] = [];
      for (const id of centres) {
        if (!can(context.actor, 'readParticipantNames', { centreId: id })) continue;
        for (const participant of context.read.participantsOfCentre(id)) {
          const matches = names.similarTo(participant.id).filter((match) => match.score >= LIKELY_SAME_PERSON);
          for (const { participant: other, score } of withParticipants(context, matches, id)) {
            const key = [participant.id, other.id].sort().join('|');
            if (seen.has(key)) continue;
            seen.add(key);
            pairs.push({ participant, other, score, askedAt: id });
          }
        }
      }
      return pairs.sort((a, b) => b.score - a.score || (a.participant.code < b.participant.code ? -1 : 1));
    },
  },
  Mutation: {
    mergeParticipants: async (_, { input }, context) => {
      const { entity, position } = await afterWrite(context, context.commands.mergeParticipants(context.commandContext(input), input), (r) =>
        context.read.participant(r.participantId),
      );
      return { participant: entity, position };
    },
    unmergeParticipant: async (_, { input }, context) => {
      const { entity, position } = await afterWrite(context, context.commands.unmergeParticipant(context.commandContext(input), input), (r) =>
        context.read.participant(r.participantId),
      );
      return { participant: entity, position };
    },
    transferParticipant: async (_, { input }, context) => {
      const from = context.read.participant(input.participantId)?.centreId;
      const { entity, position } = await afterWrite(context, context.commands.transferParticipant(context.commandContext(input), input), (r) =>
        context.read.participant(r.participantId),
      );
      return { participant: movedFrom(entity, from), position };
    },
  },
  Participant: {
    mergedInto: (participant, _, context) => {
      if (!participant.mergedInto) return null;
      // The merge is part of this participant's record: readable by whoever reads it.
      authorize(context.actor, 'readParticipant', { centreId: participant.centreId });
      return context.read.participant(participant.mergedInto) ?? null;
    },
    mergedCodes: (participant, _, context) => {
      authorize(context.actor, 'readParticipant', { centreId: participant.centreId });
      return context.read.merges.mergedInto(participant.id).map((row) => row.code);
    },
  },
};
