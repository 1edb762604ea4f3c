import { useState } from 'preact/hooks';
import { CentreCycles, CycleDetail, ScheduleCycle, ScheduleWorkshop, workshopKinds, type WorkshopKind } from '../api/operations.js';
import { useSubmit } from '../components/actions.js';
import { bySurname, personName } from '../components/people.js';
import { CentrePicker, ErrorNote, Field, Loading, Page, Status, useCentres, useChosenCentre, useQuery } from '../components/ui.js';
import { addDays, localInstant, today } from '../dates.js';
import { formatDate, formatNumber, formatPercent, formatTime, plural, t } from '../i18n.js';

const rate = (value: number | null) => (value === null ? '–' : formatPercent(value));

/** A centre's cycles (a series of sessions for one group) with their completion, and scheduling a new one. */
export function Cycles() {
  const { centres, error } = useCentres();
  const [centreId, setCentreId] = useChosenCentre(centres);
  const load = useQuery(CentreCycles, centreId ? { centreId } : null);
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<WorkshopKind>('PSYCHOSOCIAL');
  const [planned, setPlanned] = useState('10');
  const [startsOn, setStartsOn] = useState(today());
  const [endsOn, setEndsOn] = useState(addDays(today(), 70));
  const form = useSubmit();
  const cycles = [...(load.data?.centre?.cycles ?? [])].reverse();

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!centreId) return;
    if (!title.trim()) return form.fail(t('form.required', { field: t('cycle.titleField') }));
    const plannedSessions = Number(planned);
    if (!Number.isInteger(plannedSessions) || plannedSessions < 1 || plannedSessions > 100) return form.fail(t('cycle.plannedRange'));
    if (endsOn < startsOn) return form.fail(t('cycle.endsBeforeStart'));
    const ok = await form.run({ kind: 'mutation', operation: ScheduleCycle, input: { centreId, kind, title: title.trim(), plannedSessions, startsOn, endsOn }, label: `${t('nav.cycles')}: ${title.trim()}` }, t('cycle.scheduled'));
    if (ok) setTitle('');
  };

  return (
    <Page title={t('cycle.title')}>
      <ErrorNote error={error} />
      <CentrePicker centres={centres} value={centreId} onChange={setCentreId} />
      <Loading load={load} />
      {cycles.length ? (
        <ul class="list">
          {cycles.map((cycle) => (
            <li key={cycle.id}>
              <a class="row-link" href={`/cycles/${cycle.id}`}>
                <span class="row-main">
                  <strong>{cycle.title}</strong>
                  <span class="muted">
                    {t(`kind.${cycle.kind}`)} · {formatDate(cycle.startsOn, { day: 'numeric', month: 'short' })} – {formatDate(cycle.endsOn, { day: 'numeric', month: 'short', year: 'numeric' })}
                  </span>
                </span>
                <span class="badge">
                  {t('cycle.held', { held: cycle.sessionsHeld, planned: cycle.plannedSessions })} · {rate(cycle.completionRate)}
                </span>
              </a>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t('cycle.none')}</p>
      )}
      <form class="card form" onSubmit={submit} noValidate>
        <h2>{t('cycle.new')}</h2>
        <Field label={t('cycle.titleField')}>
          <input required value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
        </Field>
        <div class="columns">
          <Field label={t('workshop.kind')}>
            <select value={kind} onChange={(e) => setKind(e.currentTarget.value as WorkshopKind)}>
              {workshopKinds.map((one) => (
                <option key={one} value={one}>
                  {t(`kind.${one}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('cycle.planned')}>
            <input type="number" inputMode="numeric" min={1} max={100} required value={planned} onInput={(e) => setPlanned(e.currentTarget.value)} />
          </Field>
        </div>
        <div class="columns">
          <Field label={t('cycle.startsOn')}>
            <input type="date" required value={startsOn} onInput={(e) => setStartsOn(e.currentTarget.value)} />
          </Field>
          <Field label={t('cycle.endsOn')}>
            <input type="date" required min={startsOn} value={endsOn} onInput={(e) => setEndsOn(e.currentTarget.value)} />
          </Field>
        </div>
        <ErrorNote error={form.error} />
        <Status text={form.status} />
        <button class="primary" type="submit" disabled={form.busy}>
          {t('cycle.schedule')}
        </button>
      </form>
    </Page>
  );
}

/** One cycle: its sessions (schedule the next one; attendance is ticked on each session's roster) and completion per child. */
export function CyclePage({ id }: { id: string }) {
  const load = useQuery(CycleDetail, { id });
  const cycle = load.data?.cycle;
  const [date, setDate] = useState(today());
  const [time, setTime] = useState('16:00');
  const [duration, setDuration] = useState('60');
  const form = useSubmit();

  if (!cycle) {
    return (
      <Page title={t('cycle.title')}>
        <Loading load={load} />
        {!load.loading && !load.error ? <ErrorNote error={new Error(t('error.notFound'))} /> : null}
      </Page>
    );
  }
  const found = cycle;
  const participants = [...found.participants].sort((a, b) => bySurname(a.participant, b.participant));
  const completed = participants.filter((one) => one.completed).length;

  const submit = async (event: Event) => {
    event.preventDefault();
    if (date < found.startsOn || date > found.endsOn) return form.fail(t('cycle.error.session'));
    await form.run(
      {
        kind: 'mutation',
        operation: ScheduleWorkshop,
        input: { centreId: found.centre.id, kind: found.kind, cycleId: found.id, title: `${found.title} · ${found.sessions.length + 1}`, startsAt: localInstant(date, time), durationMinutes: Number(duration) },
        label: `${found.title} · ${formatDate(date)}`,
      },
      t('cycle.sessionScheduled'),
    );
  };

  return (
    <Page title={found.title}>
      <p class="muted">
        {t(`kind.${found.kind}`)} · {found.centre.name} · {formatDate(found.startsOn)} – {formatDate(found.endsOn)}
      </p>
      <Loading load={load} />
      <dl class="figures">
        <div class="figure">
          <dt>{t('cycle.sessionsHeld')}</dt>
          <dd data-testid="cycle-held">
            {formatNumber(found.sessionsHeld)} / {formatNumber(found.plannedSessions)}
          </dd>
        </div>
        <div class="figure">
          <dt>{t('cycle.completion')}</dt>
          <dd data-testid="cycle-completion">{rate(found.completionRate)}</dd>
        </div>
        <div class="figure">
          <dt>{t('cycle.completed')}</dt>
          <dd>
            {formatNumber(completed)} / {formatNumber(participants.length)}
          </dd>
        </div>
      </dl>
      <h2>{t('cycle.sessions')}</h2>
      {found.sessions.length ? (
        <ul class="list">
          {found.sessions.map((session) => (
            <li key={session.id}>
              <a class="row-link" href={`/workshops/${session.id}`}>
                <span class="row-main">
                  <strong>{session.title}</strong>
                  <span class="muted">
                    {session.date ? formatDate(session.date) : '—'} · {session.startsAt ? formatTime(session.startsAt) : '—'}
                  </span>
                </span>
                <span class={`badge status-${session.status.toLowerCase()}`}>{session.status === 'CANCELLED' ? t('status.CANCELLED') : plural('workshops.attended', session.attendeeCount)}</span>
              </a>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t('cycle.noSessions')}</p>
      )}
      <form class="card form" onSubmit={submit} noValidate>
        <h2>{t('cycle.newSession')}</h2>
        <div class="columns">
          <Field label={t('common.date')}>
            <input type="date" required min={found.startsOn} max={found.endsOn} value={date} onInput={(e) => setDate(e.currentTarget.value)} />
          </Field>
          <Field label={t('workshop.time')}>
            <input type="time" required value={time} onInput={(e) => setTime(e.currentTarget.value)} />
          </Field>
          <Field label={t('workshop.duration')}>
            <input type="number" inputMode="numeric" min={5} max={600} step={5} required value={duration} onInput={(e) => setDuration(e.currentTarget.value)} />
          </Field>
        </div>
        <ErrorNote error={form.error} />
        <Status text={form.status} />
        <button class="primary" type="submit" disabled={form.busy}>
          {t('cycle.scheduleSession')}
        </button>
      </form>
      <h2 id="completion-title">{t('cycle.perChild')}</h2>
      {participants.length ? (
        <table class="table" aria-labelledby="completion-title">
          <thead>
            <tr>
              <th scope="col">{t('cycle.child')}</th>
              <th scope="col" class="number">
                {t('cycle.attended')}
              </th>
              <th scope="col">{t('cycle.completedColumn')}</th>
            </tr>
          </thead>
          <tbody>
            {participants.map((one) => (
              <tr key={one.participant.id}>
                <th scope="row">{personName(one.participant)}</th>
                <td class="number">{formatNumber(one.sessionsAttended)}</td>
                <td>{one.completed ? <span class="badge done">{t('cycle.yes')}</span> : <span class="muted">{t('cycle.no')}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="muted">{t('cycle.noParticipants')}</p>
      )}
    </Page>
  );
}
