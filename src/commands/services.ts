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
  const named = (data: { centreId: string; participantId: string }) => async (): Promise<Omit<ServiceContext, 'clock'>> => {
    const [centre, participant] = await Promise.all([loadCentre(ledger, data.centreId), loadParticipant(ledger, data.participantId)]);
    return { centre, participant };
  };
  /** A new record counts on its own date, a correction on the date stored (for the closed reporting periods, ./late-entries.ts). */
  const dated = (state: { status: string; date?: string }) => (state.status === 'NONE' || state.date === undefined ? undefined : { date: state.date });
  const on = (name: string, context: CommandContext, input: unknown, id: string) => ({ name, input, context, id, access, dated });

  return {
    recordIndividualSession(context: CommandContext, input: unknown) {
      const sessionId = ledger.newId(context);
      const data = parseInput(sessions.RecordIndividualSession, { ...(input as object), sessionId });
      return ledger.handle(sessions.decider, { type: 'RecordIndividualSession', data }, {
        ...on('recordIndividualSession', context, input, sessionId), centreId: data.centreId, result: { sessionId }, load: named(data), dated: () => ({ date: data.date }),
      });
    },
    retractIndividualSession(context: CommandContext, input: unknown) {
      const data = parseInput(sessions.RetractIndividualSession, input);
      return ledger.handle(sessions.decider, { type: 'RetractIndividualSession', data }, { ...on('retractIndividualSession', context, input, data.sessionId), result: { sessionId: data.sessionId } });
    },
    makeReferral(context: CommandContext, input: unknown) {
      const referralId = ledger.newId(context);
      const data = parseInput(referrals.MakeReferral, { ...(input as object), referralId });
      return ledger.handle(referrals.decider, { type: 'MakeReferral', data }, {
        ...on('makeReferral', context, input, referralId), centreId: data.centreId, result: { referralId }, load: named(data), dated: () => ({ date: data.date }),
      });
    },
    closeReferral(context: CommandContext, input: unknown) {
      const data = parseInput(referrals.CloseReferral, input);
      // A referral counts when made, and as completed when closed: each on its own date.
      return ledger.handle(referrals.decider, { type: 'CloseReferral', data }, {
        ...on('closeReferral', context, input, data.referralId), result: { referralId: data.referralId }, dated: () => ({ date: data.date }),
      });
    },
    recordAssistance(context: CommandContext, input: unknown) {
      const assistanceId = ledger.newId(context);
      const data = parseInput(assistance.RecordAssistance, { ...(input as object), assistanceId });
      return ledger.handle(assistance.decider, { type: 'RecordAssistance', data }, {
        ...on('recordAssistance', context, input, assistanceId), centreId: data.centreId, result: { assistanceId }, load: named(data), dated: () => ({ date: data.date }),
      });
    },
    retractAssistance(context: CommandContext, input: unknown) {
      const data = parseInput(assistance.RetractAssistance, input);
      return ledger.handle(assistance.decider, { type: 'RetractAssistance', data }, { ...on('retractAssistance', context, input, data.assistanceId), result: { assistanceId: data.assistanceId } });
    },
  };
}
