import * as legalAid from '../domain/legal-aid/decider.js';
import { loadCentre } from './centres.js';
import { parseInput } from './input.js';
import { touched, type CommandContext, type Ledger } from './ledger.js';
import { loadLegalCase } from './legal-cases.js';
import { loadParticipant } from './participants.js';

export function legalAidCommands(ledger: Ledger) {
  const access = { action: 'recordLegalConsultation' as const };
  // The participant must be one the adviser may read, and a case one of their own centre's.
  const touches = ({ participant, legalCase }: Omit<legalAid.LegalAidContext, 'clock'>) => [
    touched('readParticipant', participant),
    touched('recordLegalConsultation', legalCase),
  ];
  const dated = (state: legalAid.ConsultationState) => (state.status === 'NONE' ? undefined : { date: state.date });

  return {
    recordLegalConsultation(context: CommandContext, input: unknown) {
      const consultationId = ledger.newId(context);
      const data = parseInput(legalAid.RecordLegalConsultation, { ...(input as object), consultationId });
      return ledger.handle(legalAid.decider, { type: 'RecordLegalConsultation', data }, {
        name: 'recordLegalConsultation', input, context, id: consultationId, centreId: data.centreId, result: { consultationId }, access, touches,
        load: async () => {
          const [centre, participant, legalCase] = await Promise.all([
            loadCentre(ledger, data.centreId),
            loadParticipant(ledger, data.participantId),
            data.caseId === undefined ? undefined : loadLegalCase(ledger, data.caseId),
          ]);
          return { centre, participant, ...(legalCase ? { legalCase } : {}) };
        },
        dated: () => ({ date: data.date }),
      });
    },

    retractLegalConsultation(context: CommandContext, input: unknown) {
      const data = parseInput(legalAid.RetractLegalConsultation, input);
      const { consultationId } = data;
      return ledger.handle(legalAid.decider, { type: 'RetractLegalConsultation', data }, {
        name: 'retractLegalConsultation', input, context, id: consultationId, result: { consultationId }, access, touches, dated,
      });
    },
  };
}
