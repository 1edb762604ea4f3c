import * as assistance from '../domain/services/assistance.js';
import * as sessions from '../domain/services/individual-sessions.js';
import * as referrals from '../domain/services/referrals.js';
import type { ServiceContext } from '../domain/services/rules.js';
import { loadCentre } from './centres.js';
import { parseInput } from './input.js';
import type { CommandContext, Ledger } from './ledger.js';
import { loadParticipant } from './participants.js';

/**
 * Individual sessions, referrals and assistance: each record its own stream. Staff and legal
 * advisers of the service's centre (and admins) record and correct them; the participant may be
 * registered at any centre.
 */
export function serviceCommands(ledger: Ledger) {
  const access = { action: 'recordService' as const };
  /** The centre and participant a new service names, read for its decision. */
  const named = async (data: { centreId: string; participantId: string }): Promise<Omit<ServiceContext, 'clock'>> => {
    const [centre, participant] = await Promise.all([loadCentre(ledger, data.centreId), loadParticipant(ledger, data.participantId)]);
    return { centre, participant };
  };
  const centreOf = (state: { status: string; centreId?: string }) => (state.status === 'NONE' ? undefined : state.centreId);
  /** What a record is dated on, for the closed reporting periods (./late-entries.ts): the new record's date, else the stored one's. */
  const datedOn = (date: string | undefined) => (state: { status: string; date?: string }) =>
    date !== undefined ? { date } : state.status === 'NONE' || state.date === undefined ? undefined : { date: state.date };

  const session = (sessionId: string, command: sessions.IndividualSessionCommand, context: Omit<ServiceContext, 'clock'>) => ({
    streamId: sessions.streamOf(sessionId),
    initialState: sessions.initialState,
    evolve: sessions.evolve,
    decide: (state: sessions.IndividualSessionState) => sessions.decide(command, state, { ...context, clock: ledger.clock() }),
    centreId: (state: sessions.IndividualSessionState) => (command.type === 'RecordIndividualSession' ? command.data.centreId : centreOf(state)),
    access,
    dated: datedOn(command.type === 'RecordIndividualSession' ? command.data.date : undefined),
  });
  const referral = (referralId: string, command: referrals.ReferralCommand, context: Omit<ServiceContext, 'clock'>) => ({
    streamId: referrals.streamOf(referralId),
    initialState: referrals.initialState,
    evolve: referrals.evolve,
    decide: (state: referrals.ReferralState) => referrals.decide(command, state, { ...context, clock: ledger.clock() }),
    centreId: (state: referrals.ReferralState) => (command.type === 'MakeReferral' ? command.data.centreId : centreOf(state)),
    access,
    // A referral counts when made, and as completed when closed: each on its own date.
    dated: datedOn(command.data.date),
  });
  const help = (assistanceId: string, command: assistance.AssistanceCommand, context: Omit<ServiceContext, 'clock'>) => ({
    streamId: assistance.streamOf(assistanceId),
    initialState: assistance.initialState,
    evolve: assistance.evolve,
    decide: (state: assistance.AssistanceState) => assistance.decide(command, state, { ...context, clock: ledger.clock() }),
    centreId: (state: assistance.AssistanceState) => (command.type === 'RecordAssistance' ? command.data.centreId : centreOf(state)),
    access,
    dated: datedOn(command.type === 'RecordAssistance' ? command.data.date : undefined),
  });

  return {
    recordIndividualSession(context: CommandContext, input: unknown) {
      const sessionId = ledger.newId(context);
      const data = parseInput(sessions.RecordIndividualSession, { ...(input as object), sessionId });
      return ledger.handle('recordIndividualSession', input, context, async () => ({
        result: { sessionId },
        decision: session(sessionId, { type: 'RecordIndividualSession', data }, await named(data)),
      }));
    },
    retractIndividualSession(context: CommandContext, input: unknown) {
      const data = parseInput(sessions.RetractIndividualSession, input);
      return ledger.handle('retractIndividualSession', input, context, async () => ({
        result: { sessionId: data.sessionId },
        decision: session(data.sessionId, { type: 'RetractIndividualSession', data }, {}),
      }));
    },
    makeReferral(context: CommandContext, input: unknown) {
      const referralId = ledger.newId(context);
      const data = parseInput(referrals.MakeReferral, { ...(input as object), referralId });
      return ledger.handle('makeReferral', input, context, async () => ({
        result: { referralId },
        decision: referral(referralId, { type: 'MakeReferral', data }, await named(data)),
      }));
    },
    closeReferral(context: CommandContext, input: unknown) {
      const data = parseInput(referrals.CloseReferral, input);
      return ledger.handle('closeReferral', input, context, async () => ({
        result: { referralId: data.referralId },
        decision: referral(data.referralId, { type: 'CloseReferral', data }, {}),
      }));
    },
    recordAssistance(context: CommandContext, input: unknown) {
      const assistanceId = ledger.newId(context);
      const data = parseInput(assistance.RecordAssistance, { ...(input as object), assistanceId });
      return ledger.handle('recordAssistance', input, context, async () => ({
        result: { assistanceId },
        decision: help(assistanceId, { type: 'RecordAssistance', data }, await named(data)),
      }));
    },
    retractAssistance(context: CommandContext, input: unknown) {
      const data = parseInput(assistance.RetractAssistance, input);
      return ledger.handle('retractAssistance', input, context, async () => ({
        result: { assistanceId: data.assistanceId },
        decision: help(data.assistanceId, { type: 'RetractAssistance', data }, {}),
      }));
    },
  };
}
