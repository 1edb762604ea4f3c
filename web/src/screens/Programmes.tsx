import { useEffect, useState } from 'preact/hooks';
import { newCommandId, request } from '../api/client.js';
import { workshopKinds, type Group, type Sex, type WorkshopKind } from '../api/operations.js';
import {
  builtInIndicators,
  BuiltInTargets,
  CloseReportingPeriod,
  DefineIndicator,
  DefineProgramme,
  dimensions,
  measures,
  ProgrammeReport,
  Programmes as ProgrammeList,
  SetBuiltInTarget,
  shareMeasures,
  workbookUrl,
  type AgeGroup,
  type BuiltInIndicator,
  type Dimension,
  type IndicatorValue,
  type Measure,
  type ProgrammeItem,
} from '../api/programmes.js';
import { ErrorNote, Field, Loading, Page, Status, useCentres, useQuery } from '../components/ui.js';
import { today } from '../dates.js';
import { formatDateTime, formatNumber, formatPercent, t } from '../i18n.js';

const sexes: Sex[] = ['FEMALE', 'MALE', 'OTHER'];
const groups: Group[] = ['RETURNEE', 'LOCAL'];
const ageGroups: AgeGroup[] = ['AGE_0_4', 'AGE_5_11', 'AGE_12_17', 'AGE_18_59', 'AGE_60_PLUS'];

/** The calendar quarter of a date, clipped to the programme's period. */
function quarterOf(date: string, programme: { from: string; to: string }): { from: string; to: string } {
  const year = date.slice(0, 4);
  const q = Math.floor((Number(date.slice(5, 7)) - 1) / 3);
  const from = `${year}-${String(q * 3 + 1).padStart(2, '0')}-01`;
  const to = `${year}-${['03-31', '06-30', '09-30', '12-31'][q]}`;
  return { from: from < programme.from ? programme.from : from, to: to > programme.to ? programme.to : to };
}

/** A set of choices as labelled checkboxes in a fieldset (each box has its own accessible name). */
function Choices<T extends string>({ legend, options, chosen, onChange, label }: { legend: string; options: readonly T[]; chosen: T[]; onChange: (next: T[]) => void; label: (option: T) => string }) {
  return (
    <fieldset class="field choices">
      <legend class="field-label">{legend}</legend>
      {options.map((option) => (
        <label key={option} class="check">
          <input
            type="checkbox"
            checked={chosen.includes(option)}
            onChange={(e) => onChange(e.currentTarget.checked ? [...chosen, option] : chosen.filter((one) => one !== option))}
          />{' '}
          {label(option)}
        </label>
      ))}
    </fieldset>
  );
}

function NewProgramme({ onDefined }: { onDefined: (id: string) => void }) {
  const { centres } = useCentres();
  const [name, setName] = useState('');
  const [donor, setDonor] = useState('');
  const [from, setFrom] = useState(`${today().slice(0, 4)}-01-01`);
  const [to, setTo] = useState(`${today().slice(0, 4)}-12-31`);
  const [centreIds, setCentreIds] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function submit(event: Event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { data } = await request(DefineProgramme, { input: { name: name.trim(), donor: donor.trim(), from, to, centreIds, commandId: newCommandId() } });
      setName('');
      setDonor('');
      onDefined(data.defineProgramme.programme.id);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }
  return (
    <details class="card">
      <summary>{t('programmes.new')}</summary>
      <form onSubmit={submit} aria-label={t('programmes.new')}>
        <Field label={t('programmes.name')}>
          <input required value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </Field>
        <Field label={t('programmes.donor')}>
          <input required value={donor} onInput={(e) => setDonor(e.currentTarget.value)} />
        </Field>
        <div class="columns four">
          <Field label={t('programmes.from')}>
            <input type="date" required value={from} onInput={(e) => setFrom(e.currentTarget.value)} />
          </Field>
          <Field label={t('programmes.to')}>
            <input type="date" required value={to} onInput={(e) => setTo(e.currentTarget.value)} />
          </Field>
        </div>
        <Choices legend={t('programmes.centres')} options={centres.map((c) => c.id)} chosen={centreIds} onChange={setCentreIds} label={(id) => centres.find((c) => c.id === id)?.name ?? id} />
        <ErrorNote error={error} />
        <button type="submit" disabled={busy}>
          {t('programmes.define')}
        </button>
      </form>
    </details>
  );
}

function NewIndicator({ programmeId, onDefined }: { programmeId: string; onDefined: () => void }) {
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [measure, setMeasure] = useState<Measure>('UNIQUE_PARTICIPANTS');
  const [kinds, setKinds] = useState<WorkshopKind[]>([]);
  const [chosenSexes, setSexes] = useState<Sex[]>([]);
  const [chosenGroups, setGroups] = useState<Group[]>([]);
  const [chosenAges, setAges] = useState<AgeGroup[]>([]);
  const [minSessions, setMinSessions] = useState('');
  const [target, setTarget] = useState('');
  const [by, setBy] = useState<Dimension[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState<string | null>(null);
  async function submit(event: Event) {
    event.preventDefault();
    setError(null);
    setStatus(null);
    try {
      await request(DefineIndicator, {
        input: {
          programmeId,
          code: code.trim(),
          name: name.trim(),
          measure,
          filter: { kinds, sexes: chosenSexes, groups: chosenGroups, ageGroups: chosenAges, minSessions: minSessions ? Number(minSessions) : null },
          target: target === '' ? null : shareMeasures.has(measure) ? Number(target) / 100 : Number(target),
          disaggregateBy: by,
          commandId: newCommandId(),
        },
      });
      setStatus(t('programmes.indicatorSaved', { code: code.trim() }));
      setCode('');
      setName('');
      onDefined();
    } catch (caught) {
      setError(caught);
    }
  }
  return (
    <details class="card">
      <summary>{t('programmes.newIndicator')}</summary>
      <form onSubmit={submit} aria-label={t('programmes.newIndicator')}>
        <p class="hint">{t('programmes.sameCode')}</p>
        <div class="columns four">
          <Field label={t('programmes.code')}>
            <input required value={code} onInput={(e) => setCode(e.currentTarget.value)} size={6} />
          </Field>
          <Field label={t('programmes.indicatorName')}>
            <input required value={name} onInput={(e) => setName(e.currentTarget.value)} />
          </Field>
        </div>
        <Field label={t('programmes.measure')}>
          <select value={measure} onChange={(e) => setMeasure(e.currentTarget.value as Measure)}>
            {measures.map((one) => (
              <option key={one} value={one}>
                {t(`measure.${one}`)}
              </option>
            ))}
          </select>
        </Field>
        <Choices legend={t('programmes.filterKinds')} options={workshopKinds} chosen={kinds} onChange={setKinds} label={(k) => t(`kind.${k}`)} />
        <Choices legend={t('programmes.filterSexes')} options={sexes} chosen={chosenSexes} onChange={setSexes} label={(s) => t(`sex.${s}`)} />
        <Choices legend={t('programmes.filterGroups')} options={groups} chosen={chosenGroups} onChange={setGroups} label={(g) => t(`group.${g}`)} />
        <Choices legend={t('programmes.filterAges')} options={ageGroups} chosen={chosenAges} onChange={setAges} label={(a) => t(`ageGroup.${a}`)} />
        <div class="columns four">
          <Field label={t('programmes.minSessions')} hint={t('programmes.minSessionsHint')}>
            <input type="number" min={1} max={1000} inputMode="numeric" value={minSessions} onInput={(e) => setMinSessions(e.currentTarget.value)} />
          </Field>
          <Field label={shareMeasures.has(measure) ? t('programmes.targetPercent') : t('programmes.target')}>
            <input type="number" min={0} step="any" inputMode="decimal" value={target} onInput={(e) => setTarget(e.currentTarget.value)} />
          </Field>
        </div>
        <Choices legend={t('programmes.breakdowns')} options={dimensions} chosen={by} onChange={setBy} label={(d) => t(`dimension.${d}`)} />
        <ErrorNote error={error} />
        <Status text={status} />
        <button type="submit">{t('programmes.defineIndicator')}</button>
      </form>
    </details>
  );
}

const show = (row: IndicatorValue, value: number | null) =>
  value === null ? '–' : shareMeasures.has(row.indicator.measure) ? formatPercent(value) : formatNumber(value, { maximumFractionDigits: 2 });

function cellLabel(key: IndicatorValue['cells'][number]['key'], centres: { id: string; name: string }[]): string {
  const parts: string[] = [];
  if (key.sex) parts.push(t(`sex.${key.sex}`));
  if (key.ageGroup) parts.push(t(`ageGroup.${key.ageGroup}`));
  if (key.group) parts.push(t(`group.${key.group}`));
  if (key.kind) parts.push(t(`kind.${key.kind}`));
  if (key.centreId) parts.push(centres.find((c) => c.id === key.centreId)?.name ?? key.centreId);
  if (key.district) parts.push(key.district);
  if (key.month) parts.push(key.month);
  return parts.join(' · ');
}

function Report({ programme, from, to, onChanged }: { programme: ProgrammeItem; from: string; to: string; onChanged: () => void }) {
  const load = useQuery(ProgrammeReport, { id: programme.id, from, to });
  const [confirming, setConfirming] = useState(false);
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState<string | null>(null);
  const rows = load.data?.programme?.indicators ?? [];
  const report = (load.data?.programme?.reports ?? programme.reports).find((one) => one.from === from && one.to === to);
  async function close() {
    setError(null);
    try {
      await request(CloseReportingPeriod, { input: { programmeId: programme.id, from, to, ...(note.trim() ? { note: note.trim() } : {}), commandId: newCommandId() } });
      setConfirming(false);
      setStatus(t('programmes.closed', { from, to }));
      load.reload();
      onChanged();
    } catch (caught) {
      setError(caught);
    }
  }
  return (
    <section aria-labelledby="report-title">
      <h2 id="report-title">{t('programmes.report', { from, to })}</h2>
      <Loading load={load} />
      {report ? <p class="note">{t('programmes.closedAt', { when: formatDateTime(Date.parse(report.closedAt)) })}</p> : null}
      {report
        ? (() => {
            const late = load.data?.programme?.closed.find((one) => one.id === report.id)?.lateEntries ?? [];
            return late.length ? (
              <details class="cells">
                <summary>{t('programmes.lateEntries', { count: late.length })}</summary>
                <ul class="plain">
                  {late.map((entry, index) => (
                    <li key={index}>
                      {formatDateTime(Date.parse(entry.recordedAt))}: {entry.reason}
                    </li>
                  ))}
                </ul>
              </details>
            ) : null;
          })()
        : null}
      <div class="table-wrap">
        <table class="table" data-testid="programme-report">
          <caption class="visually-hidden">{t('programmes.report', { from, to })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('programmes.code')}</th>
              <th scope="col">{t('programmes.indicatorName')}</th>
              <th scope="col" class="number">{t('programmes.value')}</th>
              <th scope="col" class="number">{t('programmes.target')}</th>
              <th scope="col" class="number">{t('programmes.progress')}</th>
              {report ? <th scope="col" class="number">{t('programmes.asReported')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.indicator.id}>
                <td>{row.indicator.code}</td>
                <th scope="row">{row.indicator.name}</th>
                <td class="number">{show(row, row.value)}</td>
                <td class="number">{show(row, row.target)}</td>
                <td class="number">{row.progress === null ? '–' : formatPercent(row.progress)}</td>
                {report ? <td class="number">{show(row, row.valueAsReported)}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows
        .filter((row) => row.cells.length > 0)
        .map((row) => (
          <details key={row.indicator.id} class="cells">
            <summary>{t('programmes.cellsOf', { code: row.indicator.code })}</summary>
            <table class="table">
              <caption class="visually-hidden">{t('programmes.cellsOf', { code: row.indicator.code })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('programmes.cell')}</th>
                  <th scope="col" class="number">{t('programmes.value')}</th>
                </tr>
              </thead>
              <tbody>
                {row.cells.map((cell, index) => (
                  <tr key={index}>
                    <th scope="row">{cellLabel(cell.key, programme.centres)}</th>
                    <td class="number">{cell.suppressed ? <abbr title={t('programmes.suppressed')}>&lt;5</abbr> : show(row, cell.value)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        ))}
      <p class="actions">
        <a class="button" href={workbookUrl(programme.id, from, to)} download>
          {t('programmes.download')}
        </a>
        {!report && !confirming ? (
          <button type="button" onClick={() => setConfirming(true)}>
            {t('programmes.close')}
          </button>
        ) : null}
      </p>
      {confirming ? (
        <div class="card confirm" role="group" aria-labelledby="confirm-close">
          <p id="confirm-close">{t('programmes.confirmClose', { from, to })}</p>
          <Field label={t('programmes.note')}>
            <input value={note} onInput={(e) => setNote(e.currentTarget.value)} />
          </Field>
          <button type="button" onClick={() => void close()}>
            {t('programmes.confirm')}
          </button>{' '}
          <button type="button" class="secondary" onClick={() => setConfirming(false)}>
            {t('common.cancel')}
          </button>
        </div>
      ) : null}
      <ErrorNote error={error} />
      <Status text={status} />
    </section>
  );
}

function BuiltInTargetsForm() {
  const targets = useQuery(BuiltInTargets, {});
  const [indicator, setIndicator] = useState<BuiltInIndicator>('PARTICIPANTS_REACHED');
  const [value, setValue] = useState('');
  const [from, setFrom] = useState(`${today().slice(0, 4)}-01-01`);
  const [to, setTo] = useState(`${today().slice(0, 4)}-12-31`);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState<string | null>(null);
  const share = indicator === 'WOMEN_AND_GIRLS_SHARE' || indicator === 'CYCLE_COMPLETION';
  async function submit(event: Event) {
    event.preventDefault();
    setError(null);
    try {
      await request(SetBuiltInTarget, { input: { indicator, value: share ? Number(value) / 100 : Number(value), from, to, commandId: newCommandId() } });
      setStatus(t('programmes.targetSaved'));
      targets.reload();
    } catch (caught) {
      setError(caught);
    }
  }
  return (
    <details class="card">
      <summary>{t('programmes.builtInTargets')}</summary>
      <form onSubmit={submit} aria-label={t('programmes.builtInTargets')}>
        <Field label={t('programmes.builtInIndicator')}>
          <select value={indicator} onChange={(e) => setIndicator(e.currentTarget.value as BuiltInIndicator)}>
            {builtInIndicators.map((one) => (
              <option key={one} value={one}>
                {t(`indicator.${one}`)}
              </option>
            ))}
          </select>
        </Field>
        <div class="columns four">
          <Field label={share ? t('programmes.targetPercent') : t('programmes.target')}>
            <input type="number" required min={0} step="any" value={value} onInput={(e) => setValue(e.currentTarget.value)} />
          </Field>
          <Field label={t('programmes.from')}>
            <input type="date" required value={from} onInput={(e) => setFrom(e.currentTarget.value)} />
          </Field>
          <Field label={t('programmes.to')}>
            <input type="date" required value={to} onInput={(e) => setTo(e.currentTarget.value)} />
          </Field>
        </div>
        <ErrorNote error={error} />
        <Status text={status} />
        <button type="submit">{t('programmes.setTarget')}</button>
      </form>
      {targets.data?.targets.filter((one) => one.centreId === null).length ? (
        <ul class="plain">
          {targets.data.targets
            .filter((one) => one.centreId === null)
            .map((one) => (
              <li key={one.id}>
                {t(`indicator.${one.indicator}`)}: {one.indicator === 'WOMEN_AND_GIRLS_SHARE' || one.indicator === 'CYCLE_COMPLETION' ? formatPercent(one.value) : formatNumber(one.value)} ({one.from} – {one.to})
              </li>
            ))}
        </ul>
      ) : null}
    </details>
  );
}

/** Coordinators' donor reporting: programmes, their logframes, their reports, closing a period and the workbook. */
export function Programmes() {
  const list = useQuery(ProgrammeList, {});
  const programmes = list.data?.programmes ?? [];
  const [chosen, setChosen] = useState<string | null>(null);
  const programme = programmes.find((one) => one.id === chosen) ?? programmes[programmes.length - 1];
  const [period, setPeriod] = useState<{ from: string; to: string } | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (programme) setPeriod(quarterOf(today() < programme.to ? today() : programme.to, programme));
  }, [programme?.id]);

  return (
    <Page title={t('programmes.title')}>
      <Loading load={list} />
      <NewProgramme
        onDefined={(id) => {
          setChosen(id);
          list.reload();
        }}
      />
      {programmes.length === 0 && !list.loading ? <p class="muted">{t('programmes.none')}</p> : null}
      {programme && period ? (
        <>
          <Field label={t('programmes.programme')}>
            <select value={programme.id} onChange={(e) => setChosen(e.currentTarget.value)}>
              {programmes.map((one) => (
                <option key={one.id} value={one.id}>
                  {one.name} ({one.donor})
                </option>
              ))}
            </select>
          </Field>
          <p class="note">
            {t('programmes.summary', { donor: programme.donor, from: programme.from, to: programme.to, centres: programme.centres.map((c) => c.name).join(', ') })}
          </p>
          <NewIndicator programmeId={programme.id} onDefined={() => setVersion((n) => n + 1)} />
          <div class="columns four">
            <Field label={t('programmes.reportFrom')}>
              <input type="date" value={period.from} onInput={(e) => setPeriod({ ...period, from: e.currentTarget.value })} />
            </Field>
            <Field label={t('programmes.reportTo')}>
              <input type="date" value={period.to} onInput={(e) => setPeriod({ ...period, to: e.currentTarget.value })} />
            </Field>
          </div>
          {programme.reports.length ? (
            <p class="note">
              {t('programmes.reports')}:{' '}
              {programme.reports.map((report) => (
                <button key={report.id} type="button" class="small link" onClick={() => setPeriod({ from: report.from, to: report.to })}>
                  {report.from} – {report.to}
                </button>
              ))}
            </p>
          ) : null}
          <Report key={`${programme.id}/${period.from}/${period.to}/${version}`} programme={programme} from={period.from} to={period.to} onChanged={list.reload} />
        </>
      ) : null}
      <BuiltInTargetsForm />
    </Page>
  );
}
