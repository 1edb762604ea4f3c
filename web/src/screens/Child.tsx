import { useState } from 'preact/hooks';
import {
  assistanceKinds,
  ChildPage,
  CloseReferral,
  MakeReferral,
  RecordAssistance,
  RecordIndividualSession,
  referralOutcomes,
  referralServices,
  ReferralsToFollowUp,
  serviceTypes,
  sessionKinds,
  type AssistanceKind,
  type Child as ChildData,
  type HistoryEntry,
  type ReferralOutcome,
  type ReferralService,
  type SessionKind,
} from '../api/services.js';
import { ErrorNote, Field, Loading, Page, Status, useCentres, useOutboxItems, useQuery } from '../components/ui.js';
import { today } from '../dates.js';
import { formatDate, formatNumber, t } from '../i18n.js';
import { enqueue, type OutboxItem } from '../offline/outbox.js';
import { auth } from '../state.js';

const savedText = () => (navigator.onLine ? t('form.saved') : t('form.savedOffline'));

/** The child's name where the viewer may read it, else the code: the API decides (null names). */
const nameOf = (child: Pick<ChildData, 'givenName' | 'familyName' | 'code'>) =>
  child.givenName || child.familyName ? `${child.givenName ?? ''} ${child.familyName ?? ''}`.trim() : child.code;

/** Staff and legal advisers (and admins) record services; coordinators only read. */
const mayRecord = () => {
  const state = auth();
  return state.status === 'signedIn' && ['staff', 'legal', 'admin'].includes(state.session.actor.role);
};

/** What one entry of the timeline says beyond its type. */
function detailOf(entry: HistoryEntry): string {
  if (entry.workshopKind) return t(`kind.${entry.workshopKind}`);
  if (entry.individualSession) return `${t(`sessionKind.${entry.individualSession.kind}`)} · ${t('child.minutes', { minutes: entry.individualSession.durationMinutes })}`;
  if (entry.referral) {
    const where = `${t(`referralService.${entry.referral.service}`)} · ${entry.referral.organisation}`;
    return entry.type === 'REFERRAL_CLOSED' && entry.referral.outcome ? `${where} · ${t(`referralOutcome.${entry.referral.outcome}`)}` : where;
  }
  if (entry.assistance) {
    const value = entry.assistance.value !== null ? ` · ${formatNumber(entry.assistance.value)} ${entry.assistance.currency ?? ''}` : '';
    return `${t(`assistanceKind.${entry.assistance.kind}`)}${value}`;
  }
  return '';
}

/** Closes an open referral with its outcome, through the outbox. */
function CloseReferralForm({ referralId, madeOn, label, onDone }: { referralId: string; madeOn: string; label: string; onDone: (text: string) => void }) {
  const [date, setDate] = useState(today());
  const [outcome, setOutcome] = useState<ReferralOutcome>('SERVICE_RECEIVED');
  const [error, setError] = useState<unknown>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    if (date < madeOn || date > today()) return setError(new Error(t('child.closeDateRange')));
    await enqueue({ kind: 'mutation', operation: CloseReferral, input: { referralId, date, outcome }, label: `${t('child.closeReferral')}: ${label}` });
    onDone(savedText());
  };
  return (
    <form class="correction" onSubmit={submit} noValidate>
      <div class="columns">
        <Field label={t('child.closedOn')}>
          <input type="date" required min={madeOn} max={today()} value={date} onInput={(e) => setDate(e.currentTarget.value)} />
        </Field>
        <Field label={t('child.outcome')}>
          <select value={outcome} onChange={(e) => setOutcome(e.currentTarget.value as ReferralOutcome)}>
            {referralOutcomes.map((one) => (
              <option key={one} value={one}>
                {t(`referralOutcome.${one}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <ErrorNote error={error} />
      <button class="primary" type="submit">
        {t('child.closeReferral')}
      </button>
    </form>
  );
}

function Timeline({ child, waiting }: { child: ChildData; waiting: OutboxItem[] }) {
  const [closing, setClosing] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const entries = child.services ?? [];
  const closed = new Set(entries.filter((entry) => entry.type === 'REFERRAL_CLOSED').map((entry) => entry.id));
  const closingNow = new Set(waiting.flatMap((item) => (item.kind === 'mutation' && item.operation === 'CloseReferral' ? [String(item.variables.input['referralId'])] : [])));
  return (
    <>
      <Status text={status} />
      <ol class="timeline list" aria-label={t('child.history')}>
        {entries.map((entry, index) => {
          const open = entry.type === 'REFERRAL_MADE' && entry.referral && !closed.has(entry.id);
          const label = `${t(`service.${entry.type}`)} ${formatDate(entry.date)}`;
          return (
            <li key={`${entry.id}-${entry.type}-${index}`} class="timeline-entry" data-type={entry.type}>
              <span class="row-main">
                <strong>{t(`service.${entry.type}`)}</strong>
                <span class="muted">
                  {formatDate(entry.date)} · {entry.centre?.name ?? ''}
                </span>
                {detailOf(entry) ? <span>{detailOf(entry)}</span> : null}
                {entry.notes ? <span class="note">{entry.notes}</span> : null}
              </span>
              {open && closingNow.has(entry.id) ? <span class="badge pending">{t('outbox.waiting')}</span> : null}
              {open && !closingNow.has(entry.id) && mayRecord() ? (
                closing === entry.id ? (
                  <CloseReferralForm referralId={entry.id} madeOn={entry.date} label={child.code} onDone={(text) => (setClosing(null), setStatus(text))} />
                ) : (
                  <button type="button" class="small" aria-label={t('child.closeReferralFor', { what: label })} onClick={() => setClosing(entry.id)}>
                    {t('child.closeReferral')}
                  </button>
                )
              ) : null}
            </li>
          );
        })}
        {waiting
          .filter((item) => !(item.kind === 'mutation' && item.operation === 'CloseReferral'))
          .map((item) => (
            <li key={item.id} class="timeline-entry">
              <span class="row-main">{item.label}</span>
              <span class="badge pending">{t('outbox.waiting')}</span>
            </li>
          ))}
      </ol>
      {entries.length === 0 && waiting.length === 0 ? <p class="muted">{t('child.noServices')}</p> : null}
    </>
  );
}

type FormKind = 'session' | 'referral' | 'assistance';

/** Records an individual session, a referral or assistance at one of the viewer's centres, through the outbox. */
function RecordService({ child, kind, onDone }: { child: ChildData; kind: FormKind; onDone: (text: string) => void }) {
  const { centres } = useCentres();
  const own = centres.find((centre) => centre.id === child.centre.id) ?? centres[0];
  const [centreId, setCentreId] = useState<string | undefined>(undefined);
  const chosen = centreId ?? own?.id;
  const [date, setDate] = useState(today());
  const [sessionKind, setSessionKind] = useState<SessionKind>('COUNSELLING');
  const [minutes, setMinutes] = useState('45');
  const [service, setService] = useState<ReferralService>('SOCIAL_WORK_CENTRE');
  const [organisation, setOrganisation] = useState('');
  const [assistanceKind, setAssistanceKind] = useState<AssistanceKind>('IN_KIND');
  const [value, setValue] = useState('');
  const [currency, setCurrency] = useState<'RSD' | 'EUR'>('RSD');
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    if (!chosen) return;
    if (date > today()) return setError(new Error(t('child.noFuture')));
    const base = { centreId: chosen, participantId: child.id, date };
    if (kind === 'session') {
      const duration = Number(minutes);
      if (!Number.isInteger(duration) || duration < 5 || duration > 480) return setError(new Error(t('child.minutesRange')));
      await enqueue({
        kind: 'mutation',
        operation: RecordIndividualSession,
        input: { ...base, kind: sessionKind, durationMinutes: duration, ...(text.trim() ? { notes: text.trim() } : {}) },
        label: `${t('service.INDIVIDUAL_SESSION')}: ${child.code}`,
      });
    } else if (kind === 'referral') {
      if (!organisation.trim()) return setError(new Error(t('form.required', { field: t('child.organisation') })));
      await enqueue({
        kind: 'mutation',
        operation: MakeReferral,
        input: { ...base, service, organisation: organisation.trim(), ...(text.trim() ? { reason: text.trim() } : {}) },
        label: `${t('service.REFERRAL_MADE')}: ${child.code}`,
      });
    } else {
      const amount = value.trim() === '' ? undefined : Number(value.replace(',', '.'));
      if (amount !== undefined && !(amount >= 0)) return setError(new Error(t('child.valueRange')));
      await enqueue({
        kind: 'mutation',
        operation: RecordAssistance,
        input: { ...base, kind: assistanceKind, ...(amount !== undefined ? { value: amount, currency } : {}), ...(text.trim() ? { description: text.trim() } : {}) },
        label: `${t('service.ASSISTANCE')}: ${child.code}`,
      });
    }
    setText('');
    setOrganisation('');
    setValue('');
    onDone(savedText());
  };

  return (
    <form class="card form" onSubmit={submit} noValidate aria-label={t(`child.record.${kind}`)}>
      <h3>{t(`child.record.${kind}`)}</h3>
      {centres.length > 1 ? (
        <Field label={t('common.centre')}>
          <select value={chosen} onChange={(e) => setCentreId(e.currentTarget.value)}>
            {centres.map((centre) => (
              <option key={centre.id} value={centre.id}>
                {centre.name}
              </option>
            ))}
          </select>
        </Field>
      ) : null}
      <Field label={t('common.date')}>
        <input type="date" required max={today()} value={date} onInput={(e) => setDate(e.currentTarget.value)} />
      </Field>
      {kind === 'session' ? (
        <div class="columns">
          <Field label={t('child.sessionKind')}>
            <select value={sessionKind} onChange={(e) => setSessionKind(e.currentTarget.value as SessionKind)}>
              {sessionKinds.map((one) => (
                <option key={one} value={one}>
                  {t(`sessionKind.${one}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('child.duration')} hint={t('child.minutesRange')}>
            <input type="number" inputMode="numeric" min={5} max={480} step={5} value={minutes} onInput={(e) => setMinutes(e.currentTarget.value)} />
          </Field>
        </div>
      ) : null}
      {kind === 'referral' ? (
        <>
          <Field label={t('child.referralService')}>
            <select value={service} onChange={(e) => setService(e.currentTarget.value as ReferralService)}>
              {referralServices.map((one) => (
                <option key={one} value={one}>
                  {t(`referralService.${one}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('child.organisation')}>
            <input required value={organisation} onInput={(e) => setOrganisation(e.currentTarget.value)} />
          </Field>
        </>
      ) : null}
      {kind === 'assistance' ? (
        <>
          <Field label={t('child.assistanceKind')}>
            <select value={assistanceKind} onChange={(e) => setAssistanceKind(e.currentTarget.value as AssistanceKind)}>
              {assistanceKinds.map((one) => (
                <option key={one} value={one}>
                  {t(`assistanceKind.${one}`)}
                </option>
              ))}
            </select>
          </Field>
          <div class="columns">
            <Field label={t('child.value')}>
              <input type="text" inputMode="decimal" autoComplete="off" value={value} onInput={(e) => setValue(e.currentTarget.value)} />
            </Field>
            <Field label={t('child.currency')}>
              <select value={currency} onChange={(e) => setCurrency(e.currentTarget.value as 'RSD' | 'EUR')}>
                <option value="RSD">RSD</option>
                <option value="EUR">EUR</option>
              </select>
            </Field>
          </div>
        </>
      ) : null}
      <Field label={t(`child.text.${kind}`)} hint={t('child.personalHint')}>
        <textarea rows={2} value={text} onInput={(e) => setText(e.currentTarget.value)} />
      </Field>
      <ErrorNote error={error} />
      <button class="primary" type="submit">
        {t('common.save')}
      </button>
    </form>
  );
}

/** A child's page (Dete): who they are, as far as the viewer may read it, and everything they received. */
export function Child({ id }: { id: string }) {
  const load = useQuery(ChildPage, { id });
  const child = load.data?.participant;
  const [form, setForm] = useState<FormKind | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const waiting = useOutboxItems().filter((item) => item.kind === 'mutation' && (item.variables.input['participantId'] === id || (item.operation === 'CloseReferral' && (child?.services ?? []).some((entry) => entry.id === item.variables.input['referralId']))));
  if (!child) {
    return (
      <Page title={t('child.title')}>
        <Loading load={load} />
        {!load.loading && !load.error ? <p class="note">{t('error.notFound')}</p> : null}
      </Page>
    );
  }
  const counts = serviceTypes.map((type) => [type, (child.services ?? []).filter((entry) => entry.type === type).length] as const).filter(([, n]) => n > 0);
  return (
    <Page title={`${t('child.title')}: ${nameOf(child)}`}>
      <Loading load={load} />
      <dl class="card facts">
        <dt>{t('child.code')}</dt>
        <dd data-testid="child-code">{child.code}</dd>
        <dt>{t('common.centre')}</dt>
        <dd>{child.centre.name}</dd>
        <dt>{t('child.birthYear')}</dt>
        <dd>{child.birthYear}</dd>
        <dt>{t('child.group')}</dt>
        <dd>{t(`group.${child.group}`)}</dd>
        <dt>{t('child.household')}</dt>
        <dd>{child.household?.code ?? t('child.none')}</dd>
        <dt>{t('child.consent')}</dt>
        <dd>{child.consent ? t(`consentStatus.${child.consent}`) : '—'}</dd>
      </dl>
      <h2>{t('child.counts')}</h2>
      <table class="counts">
        <caption class="visually-hidden">{t('child.counts')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('child.service')}</th>
            <th scope="col">{t('child.number')}</th>
          </tr>
        </thead>
        <tbody>
          {counts.map(([type, n]) => (
            <tr key={type}>
              <th scope="row">{t(`service.${type}`)}</th>
              <td data-testid={`count-${type}`}>{formatNumber(n)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {mayRecord() ? (
        <>
          <h2>{t('child.recordTitle')}</h2>
          <div class="actions">
            {(['session', 'referral', 'assistance'] as const).map((kind) => (
              <button key={kind} type="button" aria-expanded={form === kind} onClick={() => setForm(form === kind ? null : kind)}>
                {t(`child.record.${kind}`)}
              </button>
            ))}
          </div>
          {form ? <RecordService child={child} kind={form} onDone={(text) => (setForm(null), setStatus(text))} /> : null}
          <Status text={status} />
        </>
      ) : null}
      <h2>{t('child.history')}</h2>
      <Timeline child={child} waiting={waiting} />
    </Page>
  );
}

/** Referrals to follow up: a centre's referrals open for more than two weeks, oldest first, each linked to its child. */
export function ReferralsToFollowUpList({ centreId }: { centreId: string }) {
  const load = useQuery(ReferralsToFollowUp, { centreId, olderThanDays: 14 });
  const referrals = load.data?.centre?.openReferrals ?? [];
  return (
    <section aria-labelledby="follow-up-referrals">
      <h2 id="follow-up-referrals">{t('followUp.referrals')}</h2>
      <Loading load={load} />
      {referrals.length ? (
        <ul class="list">
          {referrals.map((referral) => (
            <li key={referral.id}>
              <a class="row-link" href={`/participants/${encodeURIComponent(referral.participant.id)}`}>
                <span class="row-main">
                  <strong>{nameOf(referral.participant)}</strong>
                  <span class="muted">
                    {t(`referralService.${referral.service}`)} · {referral.organisation}
                  </span>
                </span>
                <span class="badge">{t('followUp.since', { date: formatDate(referral.date), days: Math.round((Date.parse(today()) - Date.parse(referral.date)) / 86_400_000) })}</span>
              </a>
            </li>
          ))}
        </ul>
      ) : !load.loading ? (
        <p class="muted">{t('followUp.none')}</p>
      ) : null}
    </section>
  );
}
