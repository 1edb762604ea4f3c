import { useState } from 'preact/hooks';
import { CentreVolunteerList, RecordVolunteerAgreement, RegisterVolunteer, RetractVolunteerHours, VolunteersNeedingAgreement } from '../api/operations.js';
import { ReasonAction, useSubmit } from '../components/actions.js';
import { CentrePicker, ErrorNote, Field, Loading, Page, Status, useCentres, useChosenCentre, useQuery, Choice, optionsOf } from '../components/ui.js';
import { addDays, today } from '../dates.js';
import { formatDate, formatNumber, t } from '../i18n.js';

/** Withdrawing hours logged by mistake, for staff (any of the centre's volunteers) and for the volunteer (their own). */
export function useRetractHours() {
  const retracting = useSubmit();
  const retract = (entry: { id: string; date: string; hours: number }, reason: string) =>
    retracting.run(
      { kind: 'mutation', operation: RetractVolunteerHours, input: { entryId: entry.id, reason }, label: `${t('hours.withdraw')}: ${formatNumber(entry.hours)} h · ${formatDate(entry.date)}` },
      t('hours.withdrawn'),
    );
  return { retracting, retract };
}

/** An entry as the withdraw button names it: hours and date (the activity is free text beside it). */
export const hoursName = (entry: { date: string; hours: number }) => `${formatNumber(entry.hours)} h · ${formatDate(entry.date, { day: 'numeric', month: 'short' })}`;

/** A centre's volunteers: their hours and agreements, who needs a written agreement, and corrections to hours. */
export function Volunteers() {
  const { centres, error } = useCentres();
  const [centreId, setCentreId] = useChosenCentre(centres);
  const day = today();
  const load = useQuery(CentreVolunteerList, centreId ? { id: centreId, from: addDays(day, -60), to: day } : null);
  const needing = useQuery(VolunteersNeedingAgreement, { on: day });
  const [name, setName] = useState('');
  const [volunteerId, setVolunteerId] = useState('');
  const [signedOn, setSignedOn] = useState(day);
  const [validUntil, setValidUntil] = useState(addDays(day, 365));
  const registering = useSubmit();
  const agreeing = useSubmit();
  const { retracting, retract } = useRetractHours();
  const volunteers = [...(load.data?.centre?.volunteers ?? [])].sort((a, b) => (a.name ?? a.id).localeCompare(b.name ?? b.id, 'sr'));
  const hours = [...(load.data?.centre?.volunteerHours ?? [])].reverse();
  const needs = (needing.data?.volunteersNeedingAgreement ?? []).filter((one) => one.volunteer.centre.id === centreId);

  const register = async (event: Event) => {
    event.preventDefault();
    if (!centreId) return;
    if (!name.trim()) return registering.fail(t('form.required', { field: t('volunteers.name') }));
    if (await registering.run({ kind: 'mutation', operation: RegisterVolunteer, input: { centreId, name: name.trim() }, label: `${t('volunteers.register')}: ${name.trim()}` }, t('volunteers.registered'))) setName('');
  };

  const agree = async (event: Event) => {
    event.preventDefault();
    if (!volunteerId) return agreeing.fail(t('form.required', { field: t('hours.volunteer') }));
    if (validUntil < signedOn) return agreeing.fail(t('agreement.error.validUntil'));
    await agreeing.run({ kind: 'mutation', operation: RecordVolunteerAgreement, input: { volunteerId, signedOn, validUntil }, label: t('agreement.record') }, t('agreement.recorded'));
  };

  return (
    <Page title={t('volunteers.title')}>
      <ErrorNote error={error} />
      <CentrePicker centres={centres} value={centreId} onChange={setCentreId} />
      <Loading load={load} />
      <section aria-labelledby="needs-title">
        <h2 id="needs-title">{t('agreement.needing')}</h2>
        <p class="hint">{t('agreement.rule')}</p>
        {needs.length ? (
          <ul class="list">
            {needs.map((one) => (
              <li key={one.volunteer.id} class="row">
                <span class="row-main">
                  <strong>{one.volunteer.name ?? one.volunteer.id}</strong>
                  <span class="muted">{t('agreement.hours13', { hours: formatNumber(one.hoursLast13Weeks) })}</span>
                </span>
                <button type="button" class="small" aria-label={`${t('agreement.record')}: ${one.volunteer.name ?? ''}`} onClick={() => setVolunteerId(one.volunteer.id)}>
                  {t('agreement.record')}
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">{needing.error ? null : t('agreement.noneNeeded')}</p>
        )}
        <ErrorNote error={needing.error} />
      </section>
      <h2>{t('volunteers.list')}</h2>
      {volunteers.length ? (
        <table class="table">
          <caption class="visually-hidden">{t('volunteers.list')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('volunteers.name')}</th>
              <th scope="col" class="number">
                {t('hours.hours')}
              </th>
              <th scope="col">{t('agreement.title')}</th>
            </tr>
          </thead>
          <tbody>
            {volunteers.map((one) => {
              const valid = one.agreements.find((a) => a.signedOn <= day && day <= a.validUntil);
              return (
                <tr key={one.id}>
                  <th scope="row">{one.name ?? one.id}</th>
                  <td class="number">{formatNumber(one.totalHours)}</td>
                  <td>{valid ? t('agreement.validUntil', { date: formatDate(valid.validUntil) }) : <span class="muted">{t('agreement.none')}</span>}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : (
        <p class="muted">{t('volunteers.none')}</p>
      )}
      <form class="card form" onSubmit={agree} noValidate>
        <h2>{t('agreement.record')}</h2>
        <Choice label={t('hours.volunteer')} value={volunteerId} onChange={setVolunteerId} options={volunteers.map((one) => ({ value: one.id, text: one.name ?? one.id }))} />
        <div class="columns">
          <Field label={t('agreement.signedOn')}>
            <input type="date" required max={day} value={signedOn} onInput={(e) => setSignedOn(e.currentTarget.value)} />
          </Field>
          <Field label={t('agreement.validUntilField')}>
            <input type="date" required min={signedOn} value={validUntil} onInput={(e) => setValidUntil(e.currentTarget.value)} />
          </Field>
        </div>
        <ErrorNote error={agreeing.error} />
        <Status text={agreeing.status} />
        <button class="primary" type="submit" disabled={agreeing.busy}>
          {t('agreement.record')}
        </button>
      </form>
      <h2>{t('volunteers.recentHours')}</h2>
      {hours.length ? (
        <ul class="list" aria-label={t('volunteers.recentHours')}>
          {hours.map((entry) => (
            <li key={entry.id} class="row">
              <span class="row-main">
                <strong>{entry.volunteer.name ?? entry.volunteer.id}</strong>
                <span class="muted">
                  {hoursName(entry)} · {entry.activity}
                </span>
              </span>
              <ReasonAction label={t('correction.withdraw')} confirmLabel={t('hours.withdraw')} name={`${entry.volunteer.name ?? ''} ${hoursName(entry)}`} onConfirm={(reason) => retract(entry, reason)} />
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t('hours.none')}</p>
      )}
      <ErrorNote error={retracting.error} />
      <Status text={retracting.status} />
      <form class="card form" onSubmit={register} noValidate>
        <h2>{t('volunteers.register')}</h2>
        <Field label={t('volunteers.name')}>
          <input required value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </Field>
        <ErrorNote error={registering.error} />
        <Status text={registering.status} />
        <button class="primary" type="submit" disabled={registering.busy}>
          {t('volunteers.register')}
        </button>
      </form>
    </Page>
  );
}
