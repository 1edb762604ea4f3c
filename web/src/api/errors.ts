import { isMessageKey, t, type MessageKey } from '../i18n.js';
import { ApiError, NetworkError, SignedOutError } from './client.js';

/**
 * The API's refusals in the reader's language. The server speaks English; the page maps its stable
 * parts (`extensions.code`, `.field`, `.reason`) to message keys, and shows the server's own words
 * only for what it has no key for.
 */
function passwordKey(message: string): MessageKey {
  if (/at least/.test(message)) return 'password.short';
  if (/at most/.test(message)) return 'password.long';
  if (/user name/.test(message)) return 'password.username';
  if (/common|guess/.test(message)) return 'password.common';
  return 'password.error.rejected';
}

const fieldKeys: Record<string, (message: string) => MessageKey> = {
  givenBy: () => 'consent.error.childAlone',
  currentPassword: () => 'account.error.wrongCurrent',
  newPassword: passwordKey,
  password: passwordKey,
  cycleId: () => 'cycle.error.session',
  caseId: () => 'legalCase.error.case',
  closedOn: () => 'legalCase.error.closedOn',
  validUntil: () => 'agreement.error.validUntil',
  date: () => 'error.date',
  hours: () => 'hours.range',
};

/** Where the API names a field the page has a label for, the refusal names the label, not the API's field. */
const fieldLabels: Record<string, MessageKey> = {
  title: 'workshop.titleField',
  durationMinutes: 'workshop.duration',
  givenName: 'walkIn.givenName',
  familyName: 'walkIn.familyName',
  sex: 'walkIn.sex',
  birthYear: 'walkIn.birthYear',
  group: 'walkIn.group',
  audience: 'event.audience',
  activity: 'hours.activity',
  topic: 'legal.topic',
  reason: 'correction.reason',
  returnedFrom: 'household.returnedFrom',
  name: 'volunteers.name',
  plannedSessions: 'cycle.planned',
  startsOn: 'cycle.startsOn',
  endsOn: 'cycle.endsOn',
  openedOn: 'legalCase.openedOn',
  signedOn: 'agreement.signedOn',
};

/** A message key for a refusal the page knows, or null. */
export function refusalKey(error: ApiError): MessageKey | null {
  const first = error.errors[0];
  // The server names a message key of its own for refusals it words for people (a common password).
  if (first?.messageKey && isMessageKey(first.messageKey)) return first.messageKey;
  if (first?.reason === 'PERIOD_CLOSED') return 'error.periodClosed';
  if (error.code === 'BAD_USER_INPUT' && error.field && Object.hasOwn(fieldKeys, error.field)) return fieldKeys[error.field]!(error.message);
  return null;
}

export function errorText(error: unknown): string {
  if (error instanceof NetworkError) return t('error.offline');
  if (error instanceof SignedOutError) return t('error.signedOut');
  if (error instanceof ApiError) {
    const known = refusalKey(error);
    if (known) return t(known);
    switch (error.code) {
      case 'FORBIDDEN':
        return t('error.forbidden');
      case 'NOT_FOUND':
        return t('error.notFound');
      case 'CONFLICT':
        return `${t('error.conflict')} (${error.message})`;
      case 'BAD_USER_INPUT':
        return `${t('error.badInput')}: ${error.field && Object.hasOwn(fieldLabels, error.field) ? t(fieldLabels[error.field]!) : error.message}`;
      default:
        return error.message;
    }
  }
  return error instanceof Error ? error.message : String(error);
}
