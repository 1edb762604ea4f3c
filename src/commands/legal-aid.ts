import * as legalAid from '../domain/legal-aid/decider.js';
import { loadCentre } from './centres.js';
import { parseInput } from './input.js';
import { touched, type CommandContext, type Ledger } from './ledger.js';
import { loadLegalCase } from './legal-cases.js';
import { loadParticipant } from './participants.js';

export function legalAidCommands(ledger: Ledger) {
  const decision = (consultationId: string, command: legalAid.LegalAidCommand, context: Omit<legalAid.LegalAidContext, 'clock'>) => ({
    streamId: legalAid.streamOf(consultationId),
    initialState: legalAid.initialState,
    evolve: legalAid.evolve,
    decide: (state: legalAid.ConsultationState) => legalAid.decide(command, state, { ...context, clock: ledger.clock() }),
    centreId: (state: legalAid.ConsultationState) =>
      command.type === 'RecordLegalConsultation' ? command.data.centreId : state.status === 'NONE' ? undefined : state.centreId,
    // The participant must be one the adviser may read, and a case one of their own centre's.
    access: {
      action: 'recordLegalConsultation' as const,
      touches: [touched('readParticipant', context.participant), touched('recordLegalConsultation', context.legalCase)],
    },
    dated: (state: legalAid.ConsultationState) =>
      command.type === 'RecordLegalConsultation' ? { date: command.data.date } : state.status === 'NONE' ? undefined : { date: state.date },
  });

  return {
    recordLegalConsultation(context: CommandContext, input: unknown) {
      const consultationId = ledger.newId(context);
      const data = parseInput(legalAid.RecordLegalConsultation, { ...(input as object), consultationId });
      return ledger.handle('recordLegalConsultation', input, context, async () => {
        const [centre, participant, legalCase] = await Promise.all([
          loadCentre(ledger, data.centreId),
          loadParticipant(ledger, data.participantId),
          data.caseId === undefined ? undefined : loadLegalCase(ledger, data.caseId),
        ]);
        return {
          result: { consultationId },
          decision: decision(consultationId, { type: 'RecordLegalConsultation', data }, { centre, participant, ...(legalCase ? { legalCase } : {}) }),
        };
      });
    },

    retractLegalConsultation(context: CommandContext, input: unknown) {
      const data = parseInput(legalAid.RetractLegalConsultation, input);
      return ledger.handle('retractLegalConsultation', input, context, async () => ({
        result: { consultationId: data.consultationId },
        decision: decision(data.consultationId, { type: 'RetractLegalConsultation', data }, {}),
      }));
    },
  };
}
