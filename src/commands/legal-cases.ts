import * as legalCases from '../domain/legal-cases/decider.js';
import { loadCentre } from './centres.js';
import { parseInput } from './input.js';
import { touched, type CommandContext, type Ledger } from './ledger.js';
import { loadParticipant } from './participants.js';

export function legalCaseCommands(ledger: Ledger) {
  /** Legal cases follow the access rules of consultations: legal advisers of the case's centre, and admins. */
  const decision = (caseId: string, command: legalCases.LegalCaseCommand, context: Omit<legalCases.LegalCaseContext, 'clock'>) => ({
    streamId: legalCases.streamOf(caseId),
    initialState: legalCases.initialState,
    evolve: legalCases.evolve,
    decide: (state: legalCases.LegalCaseState) => legalCases.decide(command, state, { ...context, clock: ledger.clock() }),
    centreId: (state: legalCases.LegalCaseState) =>
      command.type === 'OpenLegalCase' ? command.data.centreId : state.status === 'NONE' ? undefined : state.centreId,
    // The participant must be one the adviser may read.
    access: { action: 'recordLegalConsultation' as const, touches: [touched('readParticipant', context.participant)] },
  });

  return {
    openLegalCase(context: CommandContext, input: unknown) {
      const caseId = ledger.newId(context);
      const data = parseInput(legalCases.OpenLegalCase, { ...(input as object), caseId });
      return ledger.handle('openLegalCase', input, context, async () => {
        const [centre, participant] = await Promise.all([loadCentre(ledger, data.centreId), loadParticipant(ledger, data.participantId)]);
        return { result: { caseId }, decision: decision(caseId, { type: 'OpenLegalCase', data }, { centre, participant }) };
      });
    },

    closeLegalCase(context: CommandContext, input: unknown) {
      const data = parseInput(legalCases.CloseLegalCase, input);
      return ledger.handle('closeLegalCase', input, context, async () => ({
        result: { caseId: data.caseId },
        decision: decision(data.caseId, { type: 'CloseLegalCase', data }, {}),
      }));
    },
  };
}

/** The current state of a legal case, for a consultation recorded on it. */
export const loadLegalCase = (ledger: Ledger, caseId: string) =>
  ledger.load(legalCases.streamOf(caseId), legalCases.initialState, legalCases.evolve);
