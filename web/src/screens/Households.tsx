import { useState } from 'preact/hooks';
import { CentreHouseholds, RegisterHousehold, SetParticipantHousehold } from '../api/operations.js';
import { useSubmit } from '../components/actions.js';
import { bySurname, PersonPicker, personName } from '../components/people.js';
import { CentrePicker, ErrorNote, Field, Loading, Page, Status, useCentres, useChosenCentre, useQuery, Choice, optionsOf } from '../components/ui.js';
import { today } from '../dates.js';
import { formatDate, plural, t } from '../i18n.js';

/** Returnee families at a centre: register one, put children and adults in it, and legal aid per family. */
export function Households() {
  const { centres, error } = useCentres();
  const [centreId, setCentreId] = useChosenCentre(centres);
  const load = useQuery(CentreHouseholds, centreId ? { id: centreId } : null);
  const [returnedFrom, setReturnedFrom] = useState('');
  const [returnedOn, setReturnedOn] = useState('');
  const [householdId, setHouseholdId] = useState('');
  const [participantId, setParticipantId] = useState('');
  const registering = useSubmit();
  const adding = useSubmit();
  const households = load.data?.centre?.households ?? [];
  const people = load.data?.centre?.participants ?? [];

  const register = async (event: Event) => {
    event.preventDefault();
    if (!centreId) return;
    const ok = await registering.run(
      { kind: 'mutation', operation: RegisterHousehold, input: { centreId, ...(returnedFrom.trim() ? { returnedFrom: returnedFrom.trim() } : {}), ...(returnedOn ? { returnedOn } : {}) }, label: t('household.register') },
      t('household.registered'),
    );
    if (ok) {
      setReturnedFrom('');
      setReturnedOn('');
    }
  };

  const addMember = async (event: Event) => {
    event.preventDefault();
    if (!householdId) return adding.fail(t('form.required', { field: t('household.household') }));
    if (!participantId) return adding.fail(t('form.required', { field: t('household.member') }));
    const ok = await adding.run({ kind: 'mutation', operation: SetParticipantHousehold, input: { participantId, householdId }, label: t('household.addMember') }, t('household.memberAdded'));
    if (ok) setParticipantId('');
  };

  return (
    <Page title={t('household.title')}>
      <ErrorNote error={error} />
      <CentrePicker centres={centres} value={centreId} onChange={setCentreId} />
      <Loading load={load} />
      {households.length ? (
        <ul class="list cards">
          {households.map((household) => {
            const consultations = household.members.flatMap((member) => member.legalConsultations);
            return (
              <li key={household.id} class="card household">
                <h2 class="row-main">
                  <strong>{household.code}</strong>
                  <span class="muted small-text">
                    {[household.returnedFrom, household.returnedOn ? formatDate(household.returnedOn) : null].filter(Boolean).join(' · ')}
                  </span>
                </h2>
                <p>
                  {household.members.length ? [...household.members].sort(bySurname).map(personName).join(', ') : <span class="muted">{t('household.noMembers')}</span>}
                </p>
                <p class="muted" data-testid={`legal-aid-${household.code}`}>
                  {t('household.legalAid')}: {plural('household.consultations', consultations.length)}
                </p>
              </li>
            );
          })}
        </ul>
      ) : (
        <p class="muted">{t('household.none')}</p>
      )}
      <form class="card form" onSubmit={addMember} noValidate>
        <h2>{t('household.addMember')}</h2>
        <Choice label={t('household.household')} value={householdId} onChange={setHouseholdId} options={households.map((household) => ({ value: household.id, text: household.code }))} />
        <PersonPicker people={people.filter((p) => p.household?.id !== householdId)} value={participantId} onChange={setParticipantId} label={t('household.member')} />
        <ErrorNote error={adding.error} />
        <Status text={adding.status} />
        <button class="primary" type="submit" disabled={adding.busy}>
          {t('household.addMember')}
        </button>
      </form>
      <form class="card form" onSubmit={register} noValidate>
        <h2>{t('household.register')}</h2>
        <div class="columns">
          <Field label={t('household.returnedFrom')} hint={t('household.returnedFromHint')}>
            <input value={returnedFrom} onInput={(e) => setReturnedFrom(e.currentTarget.value)} />
          </Field>
          <Field label={t('household.returnedOn')}>
            <input type="date" max={today()} value={returnedOn} onInput={(e) => setReturnedOn(e.currentTarget.value)} />
          </Field>
        </div>
        <ErrorNote error={registering.error} />
        <Status text={registering.status} />
        <button class="primary" type="submit" disabled={registering.busy}>
          {t('household.register')}
        </button>
      </form>
    </Page>
  );
}
