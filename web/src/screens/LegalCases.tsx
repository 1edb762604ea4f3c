import { useState } from 'preact/hooks';
import { CentreLegalCases, CentreRoster, CloseLegalCase, LegalCaseDetail, legalOutcomes, legalTopics, OpenLegalCase, RecordLegalConsultation, RetractLegalConsultation, serviceLevels, type LegalOutcome, type LegalTopic, type ServiceLevel } from '../api/operations.js';
import { ReasonAction, useSubmit } from '../components/actions.js';
import { PersonPicker, personName } from '../components/people.js';
import { CentrePicker, ErrorNote, Field, Loading, Page, Status, useCentres, useChosenCentre, useQuery, Choice, optionsOf } from '../components/ui.js';
import { today } from '../dates.js';
import { formatDate, plural, t } from '../i18n.js';

/** A legal adviser's start page: the centre's open cases, opening a new one, and the closed ones. */
export function LegalCases() {
  const { centres, error } = useCentres();
  const [centreId, setCentreId] = useChosenCentre(centres);
  const cases = useQuery(CentreLegalCases, centreId ? { centreId } : null);
  const roster = useQuery(CentreRoster, centreId ? { id: centreId } : null);
  const [participantId, setParticipantId] = useState('');
  const [problem, setProblem] = useState<LegalTopic | ''>('');
  const [openedOn, setOpenedOn] = useState(today());
  const form = useSubmit();
  const all = cases.data?.legalCases ?? [];
  const open = all.filter((one) => one.status === 'OPEN');
  const closed = all.filter((one) => one.status === 'CLOSED');

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!centreId) return;
    if (!participantId) return form.fail(t('form.required', { field: t('legal.participant') }));
    if (!problem) return form.fail(t('form.required', { field: t('legalCase.problem') }));
    const ok = await form.run(
      { kind: 'mutation', operation: OpenLegalCase, input: { centreId, participantId, problem, openedOn }, label: `${t('legalCase.open')}: ${t(`topic.${problem}`)}` },
      t('legalCase.opened'),
    );
    if (ok) {
      setParticipantId('');
      setProblem('');
    }
  };

  return (
    <Page
      title={t('legalCase.title')}
      actions={
        <a class="button" href="/legal/consultation">
          {t('legalCase.consultationWithoutCase')}
        </a>
      }
    >
      <ErrorNote error={error} />
      <CentrePicker centres={centres} value={centreId} onChange={setCentreId} />
      <h2>{t('legalCase.openCases')}</h2>
      <Loading load={cases} />
      {open.length ? (
        <ul class="list">
          {open.map((one) => (
            <li key={one.id}>
              <a class="row-link" href={`/legal/cases/${one.id}`}>
                <span class="row-main">
                  <strong>{personName(one.participant)}</strong>
                  <span class="muted">
                    {t(`topic.${one.problem}`)} · {t('legalCase.since', { date: formatDate(one.openedOn) })}
                  </span>
                </span>
                <span class="badge">{plural('legalCase.consultations', one.consultations.length)}</span>
              </a>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t('legalCase.noneOpen')}</p>
      )}
      <form class="card form" onSubmit={submit} noValidate>
        <h2>{t('legalCase.open')}</h2>
        <Loading load={roster} />
        <PersonPicker people={roster.data?.centre?.participants ?? []} value={participantId} onChange={setParticipantId} label={t('legal.participant')} />
        <div class="columns">
          <Choice label={t('legalCase.problem')} value={problem} onChange={setProblem} options={optionsOf(legalTopics, 'topic')} />
          <Field label={t('legalCase.openedOn')}>
            <input type="date" required max={today()} value={openedOn} onInput={(e) => setOpenedOn(e.currentTarget.value)} />
          </Field>
        </div>
        <ErrorNote error={form.error} />
        <Status text={form.status} />
        <button class="primary" type="submit" disabled={form.busy}>
          {t('legalCase.open')}
        </button>
      </form>
      {closed.length ? (
        <details class="card">
          <summary>{plural('legalCase.closedCount', closed.length)}</summary>
          <ul class="list">
            {closed.map((one) => (
              <li key={one.id}>
                <a class="row-link" href={`/legal/cases/${one.id}`}>
                  <span class="row-main">
                    <strong>{personName(one.participant)}</strong>
                    <span class="muted">
                      {t(`topic.${one.problem}`)} · {one.outcome ? t(`outcome.${one.outcome}`) : ''}
                    </span>
                  </span>
                </a>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </Page>
  );
}

/** One case: its consultations (record, withdraw one recorded by mistake) and closing it with an outcome. */
export function LegalCasePage({ id }: { id: string }) {
  const load = useQuery(LegalCaseDetail, { id });
  const found = load.data?.legalCase;
  const [date, setDate] = useState(today());
  const [serviceLevel, setServiceLevel] = useState<ServiceLevel | ''>('');
  const [notes, setNotes] = useState('');
  const [closedOn, setClosedOn] = useState(today());
  const [outcome, setOutcome] = useState<LegalOutcome | ''>('');
  const consultation = useSubmit();
  const closing = useSubmit();
  const retracting = useSubmit();

  if (!found) {
    return (
      <Page title={t('legalCase.case')}>
        <Loading load={load} />
        {!load.loading && !load.error ? <ErrorNote error={new Error(t('error.notFound'))} /> : null}
      </Page>
    );
  }
  const legalCase = found;
  const name = personName(legalCase.participant);

  const record = async (event: Event) => {
    event.preventDefault();
    const ok = await consultation.run(
      {
        kind: 'mutation',
        operation: RecordLegalConsultation,
        input: {
          centreId: legalCase.centre.id,
          participantId: legalCase.participant.id,
          caseId: legalCase.id,
          date,
          topic: legalCase.problem,
          ...(serviceLevel ? { serviceLevel } : {}),
          ...(notes.trim() ? { outcome: notes.trim() } : {}),
        },
        label: `${t('nav.legal')}: ${legalCase.participant.code} · ${t(`topic.${legalCase.problem}`)}`,
      },
      t('legalCase.consultationRecorded'),
    );
    if (ok) {
      setNotes('');
      setServiceLevel('');
    }
  };

  const close = async (event: Event) => {
    event.preventDefault();
    if (!outcome) return closing.fail(t('form.required', { field: t('legalCase.outcome') }));
    await closing.run(
      { kind: 'mutation', operation: CloseLegalCase, input: { caseId: legalCase.id, closedOn, outcome }, label: `${t('legalCase.close')}: ${legalCase.participant.code}` },
      t('legalCase.closed'),
    );
  };

  return (
    <Page title={`${name} · ${t(`topic.${legalCase.problem}`)}`}>
      <p class="muted">
        {legalCase.participant.code} · {legalCase.centre.name} · {t('legalCase.since', { date: formatDate(legalCase.openedOn) })}
      </p>
      <Loading load={load} />
      <p>
        <span class={legalCase.status === 'OPEN' ? 'badge pending' : 'badge done'} data-testid="case-status">
          {t(`caseStatus.${legalCase.status}`)}
          {legalCase.outcome ? ` · ${t(`outcome.${legalCase.outcome}`)}` : ''}
          {legalCase.closedOn ? ` · ${formatDate(legalCase.closedOn)}` : ''}
        </span>
      </p>
      <h2>{t('legalCase.consultationsTitle')}</h2>
      {legalCase.consultations.length ? (
        <ul class="list" aria-label={t('legalCase.consultationsTitle')}>
          {legalCase.consultations.map((one) => (
            <li key={one.id} class="row">
              <span class="row-main">
                <strong>{formatDate(one.date)}</strong>
                <span class="muted">
                  {one.serviceLevel ? t(`serviceLevel.${one.serviceLevel}`) : t(`topic.${one.topic}`)}
                  {one.outcome ? ` · ${one.outcome}` : ''}
                </span>
              </span>
              <ReasonAction
                label={t('correction.withdraw')}
                confirmLabel={t('legalCase.retract')}
                name={formatDate(one.date)}
                onConfirm={(reason) =>
                  retracting.run({ kind: 'mutation', operation: RetractLegalConsultation, input: { consultationId: one.id, reason }, label: `${t('legalCase.retract')}: ${formatDate(one.date)}` }, t('correction.saved'))
                }
              />
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t('legal.none')}</p>
      )}
      <ErrorNote error={retracting.error} />
      <Status text={retracting.status} />
      {legalCase.status === 'OPEN' ? (
        <>
          <form class="card form" onSubmit={record} noValidate>
            <h2>{t('legalCase.recordConsultation')}</h2>
            <div class="columns">
              <Field label={t('common.date')}>
                <input type="date" required max={today()} min={legalCase.openedOn} value={date} onInput={(e) => setDate(e.currentTarget.value)} />
              </Field>
              <Choice label={t('legalCase.serviceLevel')} value={serviceLevel} onChange={setServiceLevel} options={optionsOf(serviceLevels, 'serviceLevel')} required={false} />
            </div>
            <Field label={t('legal.outcome')} hint={t('legal.outcomeHint')}>
              <textarea rows={3} value={notes} onInput={(e) => setNotes(e.currentTarget.value)} />
            </Field>
            <ErrorNote error={consultation.error} />
            <Status text={consultation.status} />
            <button class="primary" type="submit" disabled={consultation.busy}>
              {t('legalCase.recordConsultation')}
            </button>
          </form>
          <form class="card form" onSubmit={close} noValidate>
            <h2>{t('legalCase.close')}</h2>
            <div class="columns">
              <Choice label={t('legalCase.outcome')} value={outcome} onChange={setOutcome} options={optionsOf(legalOutcomes, 'outcome')} />
              <Field label={t('legalCase.closedOn')}>
                <input type="date" required max={today()} min={legalCase.openedOn} value={closedOn} onInput={(e) => setClosedOn(e.currentTarget.value)} />
              </Field>
            </div>
            <ErrorNote error={closing.error} />
            <button class="danger" type="submit" disabled={closing.busy}>
              {t('legalCase.close')}
            </button>
          </form>
        </>
      ) : null}
      <Status text={closing.status} />
      <p>
        <a href="/legal">
          {t('legalCase.back')}
        </a>
      </p>
    </Page>
  );
}
