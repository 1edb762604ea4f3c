import { useState } from 'preact/hooks';
import { CentreConsent, consentGivers, consentPurposes, legalBases, RecordConsent, WithdrawConsent, type ConsentGiver, type ConsentPurpose, type LegalBasis } from '../api/operations.js';
import { useSubmit } from '../components/actions.js';
import { bySurname, PersonPicker, personName } from '../components/people.js';
import { CentrePicker, ErrorNote, Field, Loading, Page, Status, useCentres, useChosenCentre, useQuery, Choice, optionsOf } from '../components/ui.js';
import { today } from '../dates.js';
import { formatDate, t } from '../i18n.js';

/**
 * Consent per purpose (participation, photos, data sharing): who has no legal basis to take part,
 * recording consent (a child under 15 cannot consent alone: the API refuses, the page says why) and
 * withdrawing it.
 */
export function ConsentScreen() {
  const { centres, error } = useCentres();
  const [centreId, setCentreId] = useChosenCentre(centres);
  const load = useQuery(CentreConsent, centreId ? { id: centreId } : null);
  const [participantId, setParticipantId] = useState('');
  const [purpose, setPurpose] = useState<ConsentPurpose>('PARTICIPATION');
  const [legalBasis, setLegalBasis] = useState<LegalBasis>('CONSENT');
  const [givenBy, setGivenBy] = useState<ConsentGiver | ''>('');
  const [date, setDate] = useState(today());
  const recording = useSubmit();
  const withdrawing = useSubmit();
  const people = load.data?.centre?.participants ?? [];
  const without = new Set((load.data?.centre?.participantsWithoutLegalBasis ?? []).map((one) => one.id));
  const missing = people.filter((p) => without.has(p.id)).sort(bySurname);
  const chosen = people.find((p) => p.id === participantId);

  /** From the list: the child is chosen and, on a phone, the form below is brought into view. */
  const choose = (id: string) => {
    setParticipantId(id);
    requestAnimationFrame(() => document.getElementById('consent-form')?.scrollIntoView({ block: 'start' }));
  };

  const record = async (event: Event) => {
    event.preventDefault();
    if (!participantId) return recording.fail(t('form.required', { field: t('consent.child') }));
    if (!givenBy) return recording.fail(t('form.required', { field: t('consent.givenBy') }));
    // The API refuses this too; saying so at once also works with no connection.
    if (chosen && legalBasis === 'CONSENT' && givenBy === 'SELF' && Number(date.slice(0, 4)) - chosen.birthYear < 15) return recording.fail(t('consent.error.childAlone'));
    await recording.run(
      { kind: 'mutation', operation: RecordConsent, input: { participantId, purpose, legalBasis, givenBy, date }, label: `${t('consent.record')}: ${chosen?.code ?? ''} · ${t(`purpose.${purpose}`)}` },
      t('consent.recorded'),
    );
  };

  const withdraw = (which: ConsentPurpose) =>
    withdrawing.run({ kind: 'mutation', operation: WithdrawConsent, input: { participantId, purpose: which, date: today() }, label: `${t('consent.withdraw')}: ${chosen?.code ?? ''}` }, t('consent.withdrawn'));

  return (
    <Page title={t('consent.title')}>
      <ErrorNote error={error} />
      <CentrePicker centres={centres} value={centreId} onChange={setCentreId} />
      <Loading load={load} />
      <h2>{t('consent.withoutBasis')}</h2>
      {missing.length ? (
        <ul class="list" aria-label={t('consent.withoutBasis')}>
          {missing.map((p) => (
            <li key={p.id} class="row">
              <span class="row-main">
                <strong>{personName(p)}</strong>
                <span class="muted">{p.code}</span>
              </span>
              <button type="button" class="small" aria-label={`${t('consent.record')}: ${personName(p)}`} onClick={() => choose(p.id)}>
                {t('consent.record')}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t('consent.allHaveBasis')}</p>
      )}
      <form class="card form" id="consent-form" onSubmit={record} noValidate>
        <h2>{t('consent.record')}</h2>
        <PersonPicker people={people} value={participantId} onChange={setParticipantId} label={t('consent.child')} />
        {chosen ? (
          <div class="consents" aria-live="polite">
            <ul class="list">
              {consentPurposes.map((one) => {
                const latest = chosen.consents.find((c) => c.purpose === one);
                return (
                  <li key={one} class="row">
                    <span class="row-main">
                      <strong>{t(`purpose.${one}`)}</strong>
                      <span class="muted">
                        {t(`consentStatus.${latest?.status ?? 'MISSING'}`)}
                        {latest?.givenBy ? ` · ${t(`givenBy.${latest.givenBy}`)}` : ''}
                        {latest ? ` · ${formatDate(latest.date)}` : ''}
                      </span>
                    </span>
                    {latest?.status === 'GIVEN' ? (
                      <button type="button" class="small" aria-label={`${t('consent.withdraw')}: ${t(`purpose.${one}`)}`} onClick={() => void withdraw(one)}>
                        {t('consent.withdraw')}
                      </button>
                    ) : null}
                  </li>
                );
              })}
            </ul>
            <ErrorNote error={withdrawing.error} />
            <Status text={withdrawing.status} />
          </div>
        ) : null}
        <div class="columns">
          <Field label={t('consent.purpose')}>
            <select value={purpose} onChange={(e) => setPurpose(e.currentTarget.value as ConsentPurpose)}>
              {consentPurposes.map((one) => (
                <option key={one} value={one}>
                  {t(`purpose.${one}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('consent.legalBasis')}>
            <select value={legalBasis} onChange={(e) => setLegalBasis(e.currentTarget.value as LegalBasis)}>
              {legalBases.map((one) => (
                <option key={one} value={one}>
                  {t(`legalBasis.${one}`)}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <div class="columns">
          <Choice label={t('consent.givenBy')} hint={t('consent.under15')} value={givenBy} onChange={setGivenBy} options={optionsOf(consentGivers, 'givenBy')} />
          <Field label={t('common.date')}>
            <input type="date" required max={today()} value={date} onInput={(e) => setDate(e.currentTarget.value)} />
          </Field>
        </div>
        <ErrorNote error={recording.error} />
        <Status text={recording.status} />
        <button class="primary" type="submit" disabled={recording.busy}>
          {t('consent.record')}
        </button>
      </form>
    </Page>
  );
}
