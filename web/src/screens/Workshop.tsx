import { useMemo, useState } from 'preact/hooks';
import { CancelWorkshop, CentreRoster, RemoveAttendance, WorkshopRoster, type Group, type RosterChild, type Sex } from '../api/operations.js';
import { ErrorNote, Field, Loading, Page, Status, useOutboxItems, useQuery } from '../components/ui.js';
import { today } from '../dates.js';
import { formatNumber, formatTime, formatWeekday, plural, t, type MessageKey } from '../i18n.js';
import { submit, submit as submitItem } from '../offline/outbox.js';
import { errorText } from '../api/errors.js';
import { ReasonAction } from '../components/actions.js';
import { bySurname } from '../components/people.js';
import { PersonFields } from '../components/person-fields.js';
import { fold } from '../script.js';
import type { Match } from '../api/people.js';
import { findMatches, PossibleMatches } from './People.js';

export const childName = (child: Pick<RosterChild, 'givenName' | 'familyName' | 'code'>) =>
  child.givenName || child.familyName ? `${child.givenName ?? ''} ${child.familyName ?? ''}`.trim() : child.code;

/** Ticks not saved yet survive a reload or a phone going to sleep. */
function useDraft(workshopId: string): [Set<string>, (next: Set<string>) => void] {
  const key = `draft:${workshopId}`;
  const [draft, setDraft] = useState<Set<string>>(() => new Set(JSON.parse(localStorage.getItem(key) ?? '[]') as string[]));
  const save = (next: Set<string>) => {
    if (next.size) localStorage.setItem(key, JSON.stringify([...next]));
    else localStorage.removeItem(key);
    setDraft(next);
  };
  return [draft, save];
}

export function Workshop({ id }: { id: string }) {
  const workshopLoad = useQuery(WorkshopRoster, { id });
  const workshop = workshopLoad.data?.workshop;
  const rosterLoad = useQuery(CentreRoster, workshop ? { id: workshop.centre.id } : null);
  const outbox = useOutboxItems();
  const [draft, setDraft] = useDraft(id);
  const [search, setSearch] = useState('');
  const [correcting, setCorrecting] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [walkIn, setWalkIn] = useState(false);
  const [status, setStatus] = useState<string | null>(null);

  const recorded = useMemo(() => new Set(workshop?.attendees.map((attendee) => attendee.id) ?? []), [workshop]);
  const mine = outbox.filter((item) => item.workshopId === id);
  const pending = new Set(mine.flatMap((item) => (item.kind === 'attendance' ? item.participantIds : item.kind === 'walkIn' && item.participantId ? [item.participantId] : [])));
  const pendingRemovals = new Set(
    mine.flatMap((item) => (item.kind === 'mutation' && item.operation === 'RemoveAttendance' ? [String(item.variables.input.participantId)] : [])),
  );
  const walkIns = mine.filter((item) => item.kind === 'walkIn' && !item.participantId);

  const roster = useMemo(() => {
    const children = [...(rosterLoad.data?.centre?.participants ?? [])];
    return children.sort(bySurname);
  }, [rosterLoad.data]);
  const shown = search.trim() ? roster.filter((child) => fold(`${childName(child)} ${child.code}`).includes(fold(search.trim()))) : roster;

  const attending = new Set([...recorded, ...pending, ...draft].filter((participantId) => !pendingRemovals.has(participantId)));
  const count = attending.size + walkIns.length;

  const toggle = (participantId: string) => {
    const next = new Set(draft);
    if (next.has(participantId)) next.delete(participantId);
    else next.add(participantId);
    setDraft(next);
  };

  const save = async () => {
    const participantIds = [...draft].filter((participantId) => !recorded.has(participantId) && !pending.has(participantId));
    setDraft(new Set());
    if (participantIds.length === 0) return;
    // "Sent" only once the API has the ticks; until then they are kept on the device.
    setStatus(t('form.sending'));
    const settled = await submit({ kind: 'attendance', workshopId: id, participantIds, label: `${workshop?.title ?? ''}: ${plural('roster.children', participantIds.length)}` });
    setStatus(settled.state === 'sent' ? t('roster.saved') : settled.state === 'waiting' ? t('roster.savedOffline') : errorText(settled.error));
  };

  const removeTick = async (participantId: string, name: string) => {
    if (!reason.trim()) return;
    setCorrecting(null);
    setReason('');
    setStatus(t('form.sending'));
    const settled = await submit({
      kind: 'mutation',
      operation: RemoveAttendance,
      input: { workshopId: id, participantId, reason: reason.trim() },
      workshopId: id,
      label: `${t('roster.correction')}: ${name}`,
    });
    setStatus(settled.state === 'sent' ? t('roster.correctionSaved') : settled.state === 'waiting' ? t('form.savedOffline') : errorText(settled.error));
  };

  const cancelWorkshop = async (reason: string) => {
    setStatus(t('form.sending'));
    const settled = await submit({ kind: 'mutation', operation: CancelWorkshop, input: { workshopId: id, reason }, workshopId: id, label: `${t('workshop.cancel')}: ${workshop?.title ?? ''}` });
    setStatus(settled.state === 'sent' ? t('workshop.cancelled') : settled.state === 'waiting' ? t('form.savedOffline') : errorText(settled.error));
    return settled.state !== 'failed';
  };

  if (!workshop) {
    return (
      <Page title={t('workshop.title')}>
        <Loading load={workshopLoad} />
        {!workshopLoad.loading && !workshopLoad.error ? <ErrorNote error={new Error(t('error.notFound'))} /> : null}
      </Page>
    );
  }

  // A date the server cannot give (a stored value out of range) is never in the future.
  const future = workshop.date !== null && workshop.date > today();
  const unsaved = [...draft].filter((participantId) => !recorded.has(participantId) && !pending.has(participantId)).length;

  return (
    <Page title={workshop.title}>
      <p class="muted">
        {workshop.date ? formatWeekday(workshop.date) : '—'} · {workshop.startsAt ? formatTime(workshop.startsAt) : '—'} · {t(`kind.${workshop.kind}`)} · {workshop.centre.name}
      </p>
      <Loading load={workshopLoad} />
      {workshop.cycle ? (
        <p>
          <a href={`/cycles/${workshop.cycle.id}`}>{t('workshop.partOf', { title: workshop.cycle.title })}</a>
        </p>
      ) : null}
      {workshop.status === 'CANCELLED' ? (
        <p class="note error">
          {t('roster.cancelled')}
          {workshop.cancellationReason ? ` (${workshop.cancellationReason})` : ''}
        </p>
      ) : null}
      {workshop.status !== 'CANCELLED' && workshop.attendeeCount === 0 && count === 0 ? (
        <div class="cancel-workshop">
          <p class="hint">{t('workshop.cancelHint')}</p>
          <ReasonAction label={t('workshop.cancel')} confirmLabel={t('workshop.confirmCancel')} name={workshop.title} onConfirm={cancelWorkshop} />
        </div>
      ) : null}
      {future ? <p class="note">{t('roster.future')}</p> : null}
      <div class="count" aria-live="polite">
        <span class="count-number" data-testid="attendance-count">
          {formatNumber(count)}
        </span>
        <span>{t('roster.count')}</span>
      </div>
      <button type="button" class="walk-in-toggle" aria-expanded={walkIn} onClick={() => setWalkIn(!walkIn)} disabled={future}>
        {t('roster.walkIn')}
      </button>
      {walkIn ? (
        <WalkIn
          workshopId={id}
          centreId={workshop.centre.id}
          onDone={(text) => (setWalkIn(false), setStatus(text))}
          onExisting={(participantId) => {
            setWalkIn(false);
            if (!recorded.has(participantId) && !pending.has(participantId)) setDraft(new Set([...draft, participantId]));
            setStatus(t('people.ticked'));
          }}
        />
      ) : null}
      <Field label={t('roster.search')}>
        <input type="search" value={search} onInput={(e) => setSearch(e.currentTarget.value)} autoComplete="off" placeholder={t('roster.searchPlaceholder')} />
      </Field>
      <Loading load={rosterLoad} />
      <ul class="roster" aria-label={t('roster.list')}>
        {shown.map((child) => {
          const name = childName(child);
          const isRecorded = recorded.has(child.id) && !pendingRemovals.has(child.id);
          const isPending = pending.has(child.id) || (recorded.has(child.id) && pendingRemovals.has(child.id));
          const checked = isRecorded || pending.has(child.id) || draft.has(child.id);
          return (
            <li key={child.id} class={checked ? 'ticked' : ''}>
              <label class="tick">
                {/* Recorded and waiting ticks stay checked and look done, not disabled: they are corrected with Ispravi. */}
                <input
                  type="checkbox"
                  checked={checked}
                  disabled={future && !checked}
                  aria-readonly={isRecorded || isPending ? 'true' : undefined}
                  class={isRecorded ? 'done' : isPending ? 'waiting' : undefined}
                  onClick={(event) => (isRecorded || isPending ? event.preventDefault() : undefined)}
                  onChange={() => (isRecorded || isPending ? undefined : toggle(child.id))}
                />
                <span class="tick-text">
                  <span class="tick-name">{name}</span>
                  <span class="muted">{child.code}</span>
                </span>
                {isRecorded ? <span class="badge done">{t('roster.recorded')}</span> : null}
                {isPending ? <span class="badge pending">{t('outbox.waiting')}</span> : null}
              </label>
              <a class="small child-link" href={`/participants/${encodeURIComponent(child.id)}`} aria-label={t('child.openFor', { name })}>
                {t('child.open')}
              </a>
              {isRecorded ? (
                correcting === child.id ? (
                  <div class="correction">
                    <Field label={t('roster.reason')}>
                      <input value={reason} onInput={(e) => setReason(e.currentTarget.value)} required />
                    </Field>
                    <div class="actions">
                      <button type="button" class="danger" disabled={!reason.trim()} onClick={() => void removeTick(child.id, name)}>
                        {t('roster.removeTick')}
                      </button>
                      <button type="button" onClick={() => setCorrecting(null)}>
                        {t('common.cancel')}
                      </button>
                    </div>
                  </div>
                ) : (
                  <button type="button" class="small" aria-label={t('roster.correctFor', { name })} onClick={() => setCorrecting(child.id)}>
                    {t('roster.correct')}
                  </button>
                )
              ) : null}
            </li>
          );
        })}
        {walkIns.map((item) => (
          <li key={item.id} class="ticked">
            <span class="tick">
              <span class="tick-text">
                <span class="tick-name">{item.kind === 'walkIn' ? `${item.register.givenName} ${item.register.familyName}` : item.label}</span>
                <span class="muted">{t('roster.newChild')}</span>
              </span>
              <span class="badge pending">{t('outbox.waiting')}</span>
            </span>
          </li>
        ))}
      </ul>
      {shown.length === 0 && roster.length > 0 ? <p class="muted">{t('roster.noMatch')}</p> : null}
      <div class="sticky-actions">
        <Status text={status} />
        <button class="primary" type="button" disabled={unsaved === 0} onClick={() => void save()}>
          {unsaved ? plural('roster.saveTicks', unsaved) : t('roster.nothingToSave')}
        </button>
      </div>
    </Page>
  );
}

/** A child who came without being registered: the name and at most three more fields, registered and ticked in one go. */
function WalkIn({ workshopId, centreId, onDone, onExisting }: { workshopId: string; centreId: string; onDone: (status: string) => void; onExisting: (participantId: string) => void }) {
  const [matches, setMatches] = useState<Match[] | null>(null);
  const [givenName, setGivenName] = useState('');
  const [familyName, setFamilyName] = useState('');
  const [sex, setSex] = useState<Sex | ''>('');
  const [birthYear, setBirthYear] = useState('');
  const [group, setGroup] = useState<Group | ''>('');
  const [error, setError] = useState<unknown>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    const year = Number(birthYear);
    const missing = ([
      [givenName.trim(), 'walkIn.givenName'],
      [familyName.trim(), 'walkIn.familyName'],
      [sex, 'walkIn.sex'],
      [birthYear && Number.isInteger(year) && year >= 1900 && year <= new Date().getFullYear() ? birthYear : '', 'walkIn.birthYear'],
      [group, 'walkIn.group'],
    ] as [string, MessageKey][]).find(([value]) => !value);
    if (missing) {
      setError(new Error(t('form.required', { field: t(missing[1]!) })));
      return;
    }
    // Online, the possible matches come first (offline, the server's check answers when it is sent).
    const found = navigator.onLine ? await findMatches(centreId, givenName.trim(), familyName.trim(), year) : null;
    if (found && found.length > 0) setMatches(found);
    else await register([]);
  };

  const register = async (acknowledgedDuplicates: string[]) => {
    onDone(t('form.sending'));
    const settled = await submitItem({
      kind: 'walkIn',
      workshopId,
      register: {
        centreId,
        givenName: givenName.trim(),
        familyName: familyName.trim(),
        sex: sex as Sex,
        birthYear: Number(birthYear),
        group: group as Group,
        ...(acknowledgedDuplicates.length ? { acknowledgedDuplicates } : {}),
      },
      label: `${givenName.trim()} ${familyName.trim()}`,
    });
    onDone(settled.state === 'sent' ? t('roster.saved') : settled.state === 'waiting' ? t('roster.savedOffline') : errorText(settled.error));
  };

  return (
    <form class="card form" onSubmit={submit} noValidate aria-labelledby="walk-in-title">
      <h2 id="walk-in-title">{t('roster.walkIn')}</h2>
      <PersonFields
        value={{ givenName, familyName, sex, birthYear, group }}
        onChange={(change) => {
          if (change.givenName !== undefined) setGivenName(change.givenName);
          if (change.familyName !== undefined) setFamilyName(change.familyName);
          if (change.sex !== undefined) setSex(change.sex);
          if (change.birthYear !== undefined) setBirthYear(change.birthYear);
          if (change.group !== undefined) setGroup(change.group);
        }}
      />
      <ErrorNote error={error} />
      {matches ? (
        <PossibleMatches matches={matches} onSame={(match) => onExisting(match.participant.id)} onDifferent={() => void register(matches.map((match) => match.participant.id))} />
      ) : (
        <button class="primary" type="submit">
          {t('walkIn.submit')}
        </button>
      )}
    </form>
  );
}
