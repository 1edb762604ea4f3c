import { useState } from 'preact/hooks';
import {
  CentreRoster,
  CentreEvents,
  CentreVolunteers,
  CorrectCulturalEventAudience,
  LogVolunteerHours,
  MyHours,
  RecentConsultations,
  RecordCulturalEvent,
  RecordLegalConsultation,
  RetractLegalConsultation,
  legalTopics,
  type LegalTopic,
} from '../api/operations.js';
import { CentrePicker, ErrorNote, Field, Loading, Page, Status, useCentres, useChosenCentre, useQuery, Choice, optionsOf } from '../components/ui.js';
import { addDays, today } from '../dates.js';
import { formatDate, formatNumber, t } from '../i18n.js';
import { ReasonAction, useSubmit } from '../components/actions.js';
import { hoursName, useRetractHours } from './Volunteers.js';
import { auth } from '../state.js';
import { ReferralsToFollowUpList } from './Child.js';
import { fold } from '../script.js';
import { childName } from './Workshop.js';


/** A cultural event with its audience (women, men, girls, boys). */
export function CulturalEventForm() {
  const { centres } = useCentres();
  const [centreId, setCentreId] = useChosenCentre(centres);
  const [title, setTitle] = useState('');
  const [date, setDate] = useState(today());
  const [audience, setAudience] = useState({ women: '0', men: '0', girls: '0', boys: '0' });
  const form = useSubmit();
  const events = useQuery(CentreEvents, centreId ? { id: centreId, from: addDays(today(), -90) } : null);
  const numbers = Object.fromEntries(Object.entries(audience).map(([key, value]) => [key, Number(value)])) as Record<keyof typeof audience, number>;
  const total = Object.values(numbers).reduce((sum, n) => sum + (Number.isFinite(n) ? n : 0), 0);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!centreId) return;
    if (!title.trim()) return form.fail(t('form.required', { field: t('event.titleField') }));
    if (Object.values(numbers).some((n) => !Number.isInteger(n) || n < 0)) return form.fail(t('event.wholeNumbers'));
    const ok = await form.run({ kind: 'mutation', operation: RecordCulturalEvent, input: { centreId, title: title.trim(), date, audience: numbers }, label: `${t('nav.event')}: ${title.trim()}` });
    if (!ok) return;
    setTitle('');
    setAudience({ women: '0', men: '0', girls: '0', boys: '0' });
  };

  return (
    <Page title={t('event.title')}>
      <form class="card form" onSubmit={submit} noValidate>
        <CentrePicker centres={centres} value={centreId} onChange={setCentreId} />
        <Field label={t('event.titleField')}>
          <input required value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
        </Field>
        <Field label={t('common.date')}>
          <input type="date" required max={today()} value={date} onInput={(e) => setDate(e.currentTarget.value)} />
        </Field>
        <fieldset>
          <legend>{t('event.audience')}</legend>
          <div class="columns four">
            {(['women', 'men', 'girls', 'boys'] as const).map((key) => (
              <Field key={key} label={t(`event.${key}`)}>
                <input type="number" inputMode="numeric" min={0} step={1} value={audience[key]} onInput={(e) => setAudience({ ...audience, [key]: e.currentTarget.value })} />
              </Field>
            ))}
          </div>
          <p>{t('event.total', { total })}</p>
        </fieldset>
        <ErrorNote error={form.error} />
        <Status text={form.status} />
        <button class="primary" type="submit" disabled={form.busy}>
          {t('common.save')}
        </button>
      </form>
      <h2>{t('event.recent')}</h2>
      <Loading load={events} />
      {events.data?.centre?.culturalEvents?.length ? (
        <ul class="list" aria-label={t('event.recent')}>
          {[...events.data.centre.culturalEvents].reverse().map((one) => (
            <li key={one.id} class="row wrap">
              <span class="row-main">
                <strong>{one.title}</strong>
                <span class="muted">
                  {formatDate(one.date)} · {t('event.total', { total: one.audienceTotal })}
                </span>
              </span>
              <AudienceCorrection event={one} />
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t('event.none')}</p>
      )}
    </Page>
  );
}

type Audience = { women: number; men: number; girls: number; boys: number };

/** A recount: the new audience and why; the first count stays in the log. */
function AudienceCorrection({ event }: { event: { id: string; title: string; audience: Audience } }) {
  const [open, setOpen] = useState(false);
  const [audience, setAudience] = useState(() => Object.fromEntries(Object.entries(event.audience).map(([k, v]) => [k, String(v)])) as Record<keyof Audience, string>);
  const [reason, setReason] = useState('');
  const form = useSubmit();
  if (!open)
    return (
      <>
        <button type="button" class="small" aria-label={`${t('event.correct')}: ${event.title}`} onClick={() => setOpen(true)}>
          {t('event.correct')}
        </button>
        <Status text={form.status} />
      </>
    );
  const submit = async (e: Event) => {
    e.preventDefault();
    const numbers = Object.fromEntries(Object.entries(audience).map(([k, v]) => [k, Number(v)])) as Audience;
    if (Object.values(numbers).some((n) => !Number.isInteger(n) || n < 0)) return form.fail(t('event.wholeNumbers'));
    if (!reason.trim()) return form.fail(t('form.required', { field: t('correction.reason') }));
    const ok = await form.run(
      { kind: 'mutation', operation: CorrectCulturalEventAudience, input: { culturalEventId: event.id, audience: numbers, reason: reason.trim() }, label: `${t('event.correct')}: ${event.title}` },
      t('correction.saved'),
    );
    if (ok) setOpen(false);
  };
  return (
    <form class="correction form" onSubmit={submit} noValidate>
      <fieldset>
        <legend>{t('event.correctFor', { title: event.title })}</legend>
        <div class="columns four">
          {(['women', 'men', 'girls', 'boys'] as const).map((key) => (
            <Field key={key} label={t(`event.${key}`)}>
              <input type="number" inputMode="numeric" min={0} step={1} value={audience[key]} onInput={(e) => setAudience({ ...audience, [key]: e.currentTarget.value })} />
            </Field>
          ))}
        </div>
      </fieldset>
      <Field label={t('correction.reason')}>
        <input required value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </Field>
      <ErrorNote error={form.error} />
      <Status text={form.status} />
      <div class="actions">
        <button class="primary" type="submit" disabled={form.busy}>
          {t('event.saveCorrection')}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          {t('common.back')}
        </button>
      </div>
    </form>
  );
}

function HoursFields({ date, hours, activity, set }: { date: string; hours: string; activity: string; set: (field: 'date' | 'hours' | 'activity', value: string) => void }) {
  return (
    <>
      <div class="columns">
        <Field label={t('common.date')}>
          <input type="date" required max={today()} value={date} onInput={(e) => set('date', e.currentTarget.value)} />
        </Field>
        <Field label={t('hours.hours')} hint={t('hours.hoursHint')}>
          <input type="text" inputMode="decimal" autoComplete="off" required value={hours} onInput={(e) => set('hours', e.currentTarget.value)} />
        </Field>
      </div>
      <Field label={t('hours.activity')}>
        <input required value={activity} onInput={(e) => set('activity', e.currentTarget.value)} />
      </Field>
    </>
  );
}

function useHoursForm() {
  const [values, setValues] = useState({ date: today(), hours: '', activity: '' });
  const set = (field: 'date' | 'hours' | 'activity', value: string) => setValues((previous) => ({ ...previous, [field]: value }));
  const problem = () => {
    const hours = Number(values.hours.replace(',', '.'));
    if (!(hours > 0 && hours <= 24)) return t('hours.range');
    if (!values.activity.trim()) return t('form.required', { field: t('hours.activity') });
    return null;
  };
  return { values, set, problem, hours: () => Number(values.hours.replace(',', '.')), reset: () => setValues({ date: values.date, hours: '', activity: '' }) };
}

/** Staff log hours for one of their centre's volunteers. */
export function StaffHours() {
  const { centres } = useCentres();
  const [centreId, setCentreId] = useChosenCentre(centres);
  const volunteers = useQuery(CentreVolunteers, centreId ? { id: centreId } : null);
  const [volunteerId, setVolunteerId] = useState('');
  const form = useHoursForm();
  const saving = useSubmit();
  const list = volunteers.data?.centre?.volunteers ?? [];

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!centreId) return;
    if (!volunteerId) return saving.fail(t('form.required', { field: t('hours.volunteer') }));
    const problem = form.problem();
    if (problem) return saving.fail(problem);
    const name = list.find((one) => one.id === volunteerId)?.name ?? '';
    const ok = await saving.run({
      kind: 'mutation',
      operation: LogVolunteerHours,
      input: { volunteerId, centreId, date: form.values.date, hours: form.hours(), activity: form.values.activity.trim() },
      label: `${t('nav.hours')}: ${name} ${formatNumber(form.hours())} h`,
    });
    if (ok) form.reset();
  };

  return (
    <Page title={t('hours.staffTitle')}>
      <form class="card form" onSubmit={submit} noValidate>
        <CentrePicker centres={centres} value={centreId} onChange={setCentreId} />
        <Loading load={volunteers} />
        <Choice label={t('hours.volunteer')} value={volunteerId} onChange={setVolunteerId} options={list.map((one) => ({ value: one.id, text: one.name ?? one.id }))} />
        <HoursFields {...form.values} set={form.set} />
        <ErrorNote error={saving.error} />
        <Status text={saving.status} />
        <button class="primary" type="submit" disabled={saving.busy}>
          {t('common.save')}
        </button>
      </form>
      <p>
        <a href="/volunteers">{t('hours.toVolunteers')}</a>
      </p>
    </Page>
  );
}

/** A volunteer's own hours: log them, see the history and the total. */
export function MyHoursScreen() {
  const state = auth();
  const volunteerId = state.status === 'signedIn' ? state.session.actor.volunteerId : undefined;
  const load = useQuery(MyHours, volunteerId ? { id: volunteerId } : null);
  const volunteer = load.data?.volunteer;
  const form = useHoursForm();
  const [centreId, setCentreId] = useState('');
  const saving = useSubmit();
  const { retracting, retract } = useRetractHours();
  const centres = volunteer ? [volunteer.centre, ...volunteer.hours.map((entry) => entry.centre)].filter((c, i, all) => all.findIndex((o) => o.id === c.id) === i) : [];
  const chosen = centreId || volunteer?.centre.id || '';

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!volunteerId || !chosen) return;
    const problem = form.problem();
    if (problem) return saving.fail(problem);
    const ok = await saving.run({
      kind: 'mutation',
      operation: LogVolunteerHours,
      input: { volunteerId, centreId: chosen, date: form.values.date, hours: form.hours(), activity: form.values.activity.trim() },
      label: `${t('nav.hours')}: ${formatNumber(form.hours())} h · ${formatDate(form.values.date)}`,
    });
    if (ok) form.reset();
  };

  return (
    <Page title={t('hours.myTitle')}>
      <Loading load={load} />
      {volunteer ? (
        <p class="big-figure">
          <span class="count-number" data-testid="total-hours">
            {formatNumber(volunteer.totalHours)}
          </span>{' '}
          {t('hours.total')}
        </p>
      ) : null}
      <form class="card form" onSubmit={submit} noValidate>
        <h2>{t('hours.log')}</h2>
        <CentrePicker centres={centres} value={chosen} onChange={setCentreId} />
        <HoursFields {...form.values} set={form.set} />
        <ErrorNote error={saving.error} />
        <Status text={saving.status} />
        <button class="primary" type="submit" disabled={!volunteer || saving.busy}>
          {t('common.save')}
        </button>
      </form>
      <h2>{t('hours.history')}</h2>
      {volunteer && volunteer.hours.length ? (
        <table class="table">
          <caption class="visually-hidden">{t('hours.history')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('common.date')}</th>
              <th scope="col">{t('hours.activity')}</th>
              <th scope="col" class="number">
                {t('hours.hours')}
              </th>
              <th scope="col">
                <span class="visually-hidden">{t('correction.title')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {[...volunteer.hours].reverse().map((entry) => (
              <tr key={entry.id}>
                <td>{formatDate(entry.date, { day: 'numeric', month: 'short', year: 'numeric' })}</td>
                <td>
                  {entry.activity}
                  <br />
                  <span class="muted small-text">{entry.centre.name}</span>
                </td>
                <td class="number">{formatNumber(entry.hours)}</td>
                <td>
                  <ReasonAction label={t('correction.withdraw')} confirmLabel={t('hours.withdraw')} name={hoursName(entry)} onConfirm={(reason) => retract(entry, reason)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="muted">{t('hours.none')}</p>
      )}
      <ErrorNote error={retracting.error} />
      <Status text={retracting.status} />
    </Page>
  );
}

/** A legal adviser records a consultation with a participant of their centre. */
export function LegalForm() {
  const { centres } = useCentres();
  const [centreId, setCentreId] = useChosenCentre(centres);
  const roster = useQuery(CentreRoster, centreId ? { id: centreId } : null);
  const recent = useQuery(RecentConsultations, centreId ? { id: centreId, from: addDays(today(), -30) } : null);
  const [search, setSearch] = useState('');
  const [participantId, setParticipantId] = useState('');
  const [topic, setTopic] = useState<LegalTopic | ''>('');
  const [date, setDate] = useState(today());
  const [outcome, setOutcome] = useState('');
  const saving = useSubmit();
  const retracting = useSubmit();
  const people = roster.data?.centre?.participants ?? [];
  const needle = fold(search.trim());
  const matches = needle ? people.filter((p) => fold(`${childName(p)} ${p.code}`).includes(needle)).slice(0, 50) : people.slice(0, 50);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!centreId) return;
    if (!participantId) return saving.fail(t('form.required', { field: t('legal.participant') }));
    if (!topic) return saving.fail(t('form.required', { field: t('legal.topic') }));
    const person = people.find((p) => p.id === participantId);
    const ok = await saving.run({
      kind: 'mutation',
      operation: RecordLegalConsultation,
      input: { centreId, participantId, date, topic, ...(outcome.trim() ? { outcome: outcome.trim() } : {}) },
      label: `${t('nav.legal')}: ${person ? person.code : ''} · ${t(`topic.${topic}`)}`,
    });
    if (!ok) return;
    setParticipantId('');
    setTopic('');
    setOutcome('');
  };

  return (
    <Page title={t('legal.title')}>
      <form class="card form" onSubmit={submit} noValidate>
        <CentrePicker centres={centres} value={centreId} onChange={setCentreId} />
        <Loading load={roster} />
        <Field label={t('roster.search')}>
          <input type="search" value={search} onInput={(e) => setSearch(e.currentTarget.value)} autoComplete="off" />
        </Field>
        <Field label={t('legal.participant')}>
          <select required value={participantId} onChange={(e) => setParticipantId(e.currentTarget.value)}>
            <option value="">{t('common.choose')}</option>
            {matches.map((p) => (
              <option key={p.id} value={p.id}>
                {childName(p)} ({p.code})
              </option>
            ))}
          </select>
        </Field>
        <div class="columns">
          <Choice label={t('legal.topic')} value={topic} onChange={setTopic} options={optionsOf(legalTopics, 'topic')} />
          <Field label={t('common.date')}>
            <input type="date" required max={today()} value={date} onInput={(e) => setDate(e.currentTarget.value)} />
          </Field>
        </div>
        <Field label={t('legal.outcome')} hint={t('legal.outcomeHint')}>
          <textarea rows={3} value={outcome} onInput={(e) => setOutcome(e.currentTarget.value)} />
        </Field>
        <ErrorNote error={saving.error} />
        <Status text={saving.status} />
        <button class="primary" type="submit" disabled={saving.busy}>
          {t('common.save')}
        </button>
      </form>
      <h2>{t('legal.recent')}</h2>
      <Loading load={recent} />
      {recent.data?.centre?.legalConsultations?.length ? (
        <ul class="list">
          {[...recent.data.centre.legalConsultations].reverse().map((c) => (
            <li key={c.id} class="row">
              <span class="row-main">
                <strong>
                  <a href={`/participants/${encodeURIComponent(c.participant.id)}`}>{childName(c.participant)}</a>
                </strong>
                <span class="muted">
                  {formatDate(c.date)} · {t(`topic.${c.topic}`)}
                </span>
              </span>
              <ReasonAction
                label={t('correction.withdraw')}
                confirmLabel={t('legalCase.retract')}
                name={`${childName(c.participant)} · ${formatDate(c.date)}`}
                onConfirm={(reason) =>
                  retracting.run({ kind: 'mutation', operation: RetractLegalConsultation, input: { consultationId: c.id, reason }, label: `${t('legalCase.retract')}: ${c.participant.code}` }, t('correction.saved'))
                }
              />
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t('legal.none')}</p>
      )}
      {centreId ? <ReferralsToFollowUpList centreId={centreId} /> : null}
      <ErrorNote error={retracting.error} />
      <Status text={retracting.status} />
    </Page>
  );
}
