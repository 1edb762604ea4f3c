import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import { CentreCycles, CentreWeek, ScheduleWorkshop, workshopKinds, type WorkshopItem, type WorkshopKind } from '../api/operations.js';
import { CentrePicker, ErrorNote, Field, Loading, Page, Status, useCentres, useChosenCentre, useOutboxItems, useQuery } from '../components/ui.js';
import { addDays, localInstant, today, weekOf } from '../dates.js';
import { formatDate, formatTime, formatWeekday, plural, t } from '../i18n.js';
import { enqueue } from '../offline/outbox.js';
import { navigate } from '../router.js';
import { ReferralsToFollowUpList } from './Child.js';

function WorkshopLink({ workshop }: { workshop: WorkshopItem }) {
  return (
    <li>
      <a class="row-link" href={`/workshops/${workshop.id}`}>
        <span class="row-main">
          <strong>{workshop.title}</strong>
          <span class="muted">
            {workshop.startsAt ? formatTime(workshop.startsAt) : '—'} · {t(`kind.${workshop.kind}`)}
          </span>
        </span>
        <span class={`badge status-${workshop.status.toLowerCase()}`}>
          {workshop.status === 'CANCELLED' ? t('status.CANCELLED') : plural('workshops.attended', workshop.attendeeCount)}
        </span>
      </a>
    </li>
  );
}

/** The week shown, kept in the address (`?week=2026-11-30`), so going back from a workshop returns to it. */
function useWeek(): [string, (date: string) => void] {
  const [shown, setShown] = useState(() => weekOf(new URLSearchParams(location.search).get('week') ?? today()).from);
  const show = (date: string) => {
    const from = weekOf(date).from;
    setShown(from);
    history.replaceState(null, '', from === weekOf(today()).from ? '/workshops' : `/workshops?week=${from}`);
  };
  return [shown, show];
}

/** A week's workshops at the chosen centre (this week's by default, today's first); any week by arrows or a date. */
export function Workshops() {
  const { centres, error } = useCentres();
  const [centreId, setCentreId] = useChosenCentre(centres);
  const [weekStart, showWeek] = useWeek();
  const day = today();
  const week = weekOf(weekStart);
  const isThisWeek = week.from === weekOf(day).from;
  const load = useQuery(CentreWeek, centreId ? { id: centreId, ...week } : null);
  const workshops = load.data?.centre?.workshops ?? [];
  const todays = isThisWeek ? workshops.filter((workshop) => workshop.date === day) : [];
  const rest = workshops.filter((workshop) => !isThisWeek || workshop.date !== day);
  const waiting = useOutboxItems().filter((item) => item.kind === 'mutation' && item.operation === 'ScheduleWorkshop');

  return (
    <Page
      title={t('workshops.title')}
      actions={
        <a class="button" href="/workshops/new">
          {t('workshops.new')}
        </a>
      }
    >
      <ErrorNote error={error} />
      <CentrePicker centres={centres} value={centreId} onChange={setCentreId} />
      <div class="week-nav" role="group" aria-label={t('workshops.weekNav')}>
        <button type="button" class="small" onClick={() => showWeek(addDays(week.from, -7))}>
          ‹ {t('workshops.previousWeek')}
        </button>
        <span class="week-label" aria-live="polite" data-testid="week-label">
          {formatDate(week.from, { day: 'numeric', month: 'short' })} – {formatDate(week.to, { day: 'numeric', month: 'short', year: 'numeric' })}
        </span>
        <button type="button" class="small" onClick={() => showWeek(addDays(week.from, 7))}>
          {t('workshops.nextWeek')} ›
        </button>
      </div>
      <div class="week-jump">
        <Field label={t('workshops.goToDate')}>
          <input type="date" value={week.from} onChange={(e) => e.currentTarget.value && showWeek(e.currentTarget.value)} />
        </Field>
        {isThisWeek ? null : (
          <button type="button" class="small" onClick={() => showWeek(day)}>
            {t('workshops.backToThisWeek')}
          </button>
        )}
      </div>
      <Loading load={load} />
      {isThisWeek ? (
        <>
          <h2>{t('workshops.today')}</h2>
          {todays.length ? (
            <ul class="list">
              {todays.map((workshop) => (
                <WorkshopLink key={workshop.id} workshop={workshop} />
              ))}
            </ul>
          ) : (
            <p class="muted">{t('workshops.noneToday')}</p>
          )}
        </>
      ) : null}
      <h2>{isThisWeek ? t('workshops.thisWeek') : t('workshops.thatWeek')}</h2>
      {rest.length ? (
        <ul class="list">
          {rest.map((workshop, index) => (
            <Fragment key={workshop.id}>
              {index === 0 || rest[index - 1]!.date !== workshop.date ? <li class="list-heading">{workshop.date ? formatWeekday(workshop.date) : '—'}</li> : null}
              <WorkshopLink workshop={workshop} />
            </Fragment>
          ))}
        </ul>
      ) : (
        <p class="muted">{t('workshops.noneThisWeek')}</p>
      )}
      {waiting.length ? (
        <>
          <h2>{t('workshops.waiting')}</h2>
          <ul class="list">
            {waiting.map((item) => (
              <li key={item.id} class="row">
                {item.label} <span class="badge pending">{t('outbox.waiting')}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {centreId ? <ReferralsToFollowUpList centreId={centreId} /> : null}
    </Page>
  );
}

export function NewWorkshop() {
  const { centres } = useCentres();
  const [centreId, setCentreId] = useChosenCentre(centres);
  const [kind, setKind] = useState<WorkshopKind>('PSYCHOSOCIAL');
  const [title, setTitle] = useState('');
  const [date, setDate] = useState(today());
  const [time, setTime] = useState('16:00');
  const [duration, setDuration] = useState('60');
  const [cycleId, setCycleId] = useState('');
  const cycles = useQuery(CentreCycles, centreId ? { centreId } : null).data?.centre?.cycles ?? [];
  const openCycles = cycles.filter((cycle) => cycle.endsOn >= today());
  const [error, setError] = useState<unknown>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!centreId) return;
    if (!title.trim()) {
      setError(new Error(t('form.required', { field: t('workshop.titleField') })));
      return;
    }
    await enqueue({
      kind: 'mutation',
      operation: ScheduleWorkshop,
      input: { centreId, kind, title: title.trim(), startsAt: localInstant(date, time), durationMinutes: Number(duration), ...(cycleId ? { cycleId } : {}) },
      label: `${title.trim()} · ${formatWeekday(date)} ${time}`,
    });
    navigate('/workshops');
  };

  return (
    <Page title={t('workshops.new')}>
      <form class="card form" onSubmit={submit} noValidate>
        <CentrePicker centres={centres} value={centreId} onChange={setCentreId} />
        <Field label={t('workshop.titleField')}>
          <input required value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
        </Field>
        {openCycles.length ? (
          <Field label={t('workshop.cycle')} hint={t('workshop.cycleHint')}>
            <select
              value={cycleId}
              onChange={(e) => {
                const chosen = openCycles.find((cycle) => cycle.id === e.currentTarget.value);
                setCycleId(chosen?.id ?? '');
                // A session has its cycle's kind.
                if (chosen) setKind(chosen.kind);
              }}
            >
              <option value="">{t('workshop.noCycle')}</option>
              {openCycles.map((cycle) => (
                <option key={cycle.id} value={cycle.id}>
                  {cycle.title}
                </option>
              ))}
            </select>
          </Field>
        ) : null}
        <Field label={t('workshop.kind')}>
          <select value={kind} disabled={cycleId !== ''} onChange={(e) => setKind(e.currentTarget.value as WorkshopKind)}>
            {workshopKinds.map((one) => (
              <option key={one} value={one}>
                {t(`kind.${one}`)}
              </option>
            ))}
          </select>
        </Field>
        <div class="columns">
          <Field label={t('common.date')}>
            <input type="date" required value={date} onInput={(e) => setDate(e.currentTarget.value)} />
          </Field>
          <Field label={t('workshop.time')}>
            <input type="time" required value={time} onInput={(e) => setTime(e.currentTarget.value)} />
          </Field>
          <Field label={t('workshop.duration')}>
            <input type="number" inputMode="numeric" min={5} max={600} step={5} required value={duration} onInput={(e) => setDuration(e.currentTarget.value)} />
          </Field>
        </div>
        <ErrorNote error={error} />
        <Status text={null} />
        <button class="primary" type="submit">
          {t('common.save')}
        </button>
      </form>
    </Page>
  );
}
