import { coreContract, loadContract, type Operation } from '../support/operations.js';

let document: string | undefined;

/** A contract operation of people.graphql, sent in one document with core.graphql as clients send it. */
export function peopleOp(name: 'SimilarParticipants' | 'MergeParticipants' | 'UnmergeParticipant' | 'TransferParticipant' | 'ParticipantAfterMerge'): Operation {
  document ??= `${coreContract().source}\n${loadContract('people.graphql').source}`;
  return { ...loadContract('people.graphql').op(name), document };
}
