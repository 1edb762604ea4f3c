import * as legalCases from '../domain/legal-cases/decider.js';
import { loadCentre } from './centres.js';
import { parseInput } from './input.js';
import { touched, type CommandContext, type Ledger } from './ledger.js';
import { loadParticipant } from './participants.js';

export function legalCaseCommands(ledger: Ledger) {
  /** Legal cases follow the access rules of consultations: legal advisers of the case's centre, and admins. */
  const access = { action: 'recordLegalConsultation' as const };
  // The participant must be one the adviser may read.
  const touches = ({ participant }: Omit<legalCases.LegalCaseContext, 'clock'>) => [touched('readParticipant', participant)];

  return {
    openLegalCase(context: CommandContext, input: unknown) {
      const caseId = ledger.newId(context);
      const data = parseInput(legalCases.OpenLegalCase, { ...(input as object), caseId });
      return ledger.handle(legalCases.decider, { type: 'OpenLegalCase', data }, {
        name: 'openLegalCase', input, context, id: caseId, centreId: data.centreId, result: { caseId }, access, touches,
        load: async () => {
          const [centre, participant] = await Promise.all([loadCentre(ledger, data.centreId), loadParticipant(ledger, data.participantId)]);
          return { centre, participant };
        },
      });
    },

    closeLegalCase(context: CommandContext, input: unknown) {
      const data = parseInput(legalCases.CloseLegalCase, input);
      return ledger.handle(legalCases.decider, { type: 'CloseLegalCase', data }, { name: 'closeLegalCase', input, context, id: data.caseId, result: { caseId: data.caseId }, access });
    },
  };
}

/** The current state of a legal case, for a consultation recorded on it. */
export const loadLegalCase = (ledger: Ledger, caseId: string) => ledger.load(legalCases.decider, caseId);
