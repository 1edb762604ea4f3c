import { useEffect, useRef, useState } from 'preact/hooks';
import { CentreDashboard, CentreLive, ProgrammeDashboard, ProgrammeLive, type AgeCell, type AgeGroup, type IndicatorRow, type MonthCell, type Summary } from '../api/operations.js';
import { Field, Loading, Page, useCentres, useQuery } from '../components/ui.js';
import { monthsBack, today } from '../dates.js';
import { formatMonth, formatNumber, formatPercent, t } from '../i18n.js';
import { ServiceFiguresSection } from './ServiceFigures.js';

const figures: { key: keyof Omit<Summary, 'uniqueParticipantsBySex'>; hours?: boolean }[] = [
  { key: 'workshopsHeld' },
  { key: 'attendances' },
  { key: 'uniqueParticipants' },
  { key: 'uniqueReturnees' },
  { key: 'householdsReached' },
  { key: 'volunteerHours', hours: true },
  { key: 'legalConsultations' },
  { key: 'culturalEvents' },
  { key: 'culturalEventAudience' },
];

const shares = new Set(['WOMEN_AND_GIRLS_SHARE', 'CYCLE_COMPLETION']);

/**
 * Live figures: a GraphQL subscription over server-sent events (GET, so the cookie alone
 * authenticates). Each update is a signal to reload the whole dashboard in one query, so the
 * summary, the charts and the indicators always show the same moment.
 */
function useLive(centreId: string, from: string, to: string, changed: () => void): boolean {
  const [live, setLive] = useState(false);
  const latest = useRef(changed);
  latest.current = changed;
  useEffect(() => {
    setLive(false);
    if (typeof EventSource === 'undefined') return;
    const operation = centreId ? CentreLive : ProgrammeLive;
    const variables = centreId ? { centreId, from, to } : { from, to };
    const url = `/graphql?${new URLSearchParams({ query: operation.document, variables: JSON.stringify(variables), operationName: operation.name })}`;
    const source = new EventSource(url);
    const onData = (event: MessageEvent<string>) => {
      try {
        const data = JSON.parse(event.data) as { data?: Record<string, Summary> };
        const summary = data.data?.[centreId ? 'centreSummaryUpdated' : 'programmeSummaryUpdated'];
        if (!summary) return;
        setLive(true);
        latest.current();
      } catch {
        // a keep-alive or a message this page does not read
      }
    };
    source.addEventListener('next', onData as EventListener);
    source.addEventListener('message', onData as EventListener);
    source.addEventListener('complete', () => source.close());
    return () => source.close();
  }, [centreId, from, to]);
  return live;
}

/** Every group is shown, with 0 where nobody attended, so charts of two periods line up. */
const ageGroups: AgeGroup[] = ['AGE_0_4', 'AGE_5_11', 'AGE_12_17', 'AGE_18_59', 'AGE_60_PLUS'];

function BarChart({ id, title, rows, unit }: { id: string; title: string; rows: { label: string; value: number }[]; unit: string }) {
  const max = Math.max(1, ...rows.map((row) => row.value));
  const width = Math.max(330, rows.length * 120);
  const barArea = 180;
  const slot = rows.length ? width / rows.length : width;
  return (
    <figure class="chart">
      <figcaption id={`${id}-title`}>{title}</figcaption>
      {rows.length ? (
        <svg viewBox={`0 0 ${width} ${barArea + 44}`} role="img" aria-labelledby={`${id}-title`} preserveAspectRatio="xMidYMid meet">
          <line x1="0" x2={width} y1={barArea + 2} y2={barArea + 2} class="axis" />
          {rows.map((row, index) => {
            const height = Math.round((row.value / max) * (barArea - 22));
            const x = index * slot + slot * 0.15;
            return (
              <g key={row.label}>
                <rect x={x} y={barArea - height} width={slot * 0.7} height={height} class="bar" />
                <text x={x + slot * 0.35} y={barArea - height - 6} text-anchor="middle" class="bar-value">
                  {formatNumber(row.value)}
                </text>
                <text x={x + slot * 0.35} y={barArea + 24} text-anchor="middle" class="bar-label">
                  {row.label}
                </text>
              </g>
            );
          })}
        </svg>
      ) : (
        <p class="muted">{t('dashboard.noData')}</p>
      )}
      <details>
        <summary>{t('dashboard.asTable')}</summary>
        <table class="table">
          <caption class="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dashboard.item')}</th>
              <th scope="col" class="number">
                {unit}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.label}>
                <th scope="row">{row.label}</th>
                <td class="number">{formatNumber(row.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

function Indicators({ rows }: { rows: IndicatorRow[] }) {
  const show = (indicator: string, value: number | null) => (value === null ? '–' : shares.has(indicator) ? formatPercent(value) : formatNumber(value, { maximumFractionDigits: 1 }));
  return (
    <section aria-labelledby="indicators-title">
      <h2 id="indicators-title">{t('dashboard.indicators')}</h2>
      <ul class="indicators">
        {rows.map((row) => (
          <li key={row.indicator}>
            <div class="indicator-head">
              <span>{t(`indicator.${row.indicator}`)}</span>
              <span data-testid={`indicator-${row.indicator}`}>
                {show(row.indicator, row.value)}
                {row.target !== null ? ` / ${show(row.indicator, row.target)}` : ''}
              </span>
            </div>
            {row.progress !== null ? (
              <div
                class="progress"
                role="progressbar"
                aria-label={t(`indicator.${row.indicator}`)}
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={Math.round(Math.min(row.progress, 1) * 100)}
                aria-valuetext={formatPercent(row.progress)}
              >
                <div class={row.progress >= 1 ? 'progress-bar done' : 'progress-bar'} style={{ width: `${Math.min(row.progress, 1) * 100}%` }} />
                <span class="progress-text">{formatPercent(row.progress)}</span>
              </div>
            ) : (
              <p class="muted small-text">{t('dashboard.noTarget')}</p>
            )}
          </li>
        ))}
      </ul>
      <details>
        <summary>{t('dashboard.asTable')}</summary>
        <table class="table">
          <caption class="visually-hidden">{t('dashboard.indicators')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dashboard.indicator')}</th>
              <th scope="col" class="number">{t('dashboard.value')}</th>
              <th scope="col" class="number">{t('dashboard.target')}</th>
              <th scope="col" class="number">{t('dashboard.progress')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.indicator}>
                <th scope="row">{t(`indicator.${row.indicator}`)}</th>
                <td class="number">{show(row.indicator, row.value)}</td>
                <td class="number">{row.target === null ? '–' : show(row.indicator, row.target)}</td>
                <td class="number">{row.progress === null ? '–' : formatPercent(row.progress)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}

export function Dashboard() {
  const { centres } = useCentres();
  const [centreId, setCentreId] = useState('');
  const [from, setFrom] = useState(monthsBack(today(), 5));
  const [to, setTo] = useState(today());
  const valid = from <= to;
  const programme = useQuery(ProgrammeDashboard, !centreId && valid ? { from, to } : null);
  const centre = useQuery(CentreDashboard, centreId && valid ? { centreId, from, to } : null);
  const load = centreId ? centre : programme;
  const data = centreId ? centre.data : programme.data;
  const loaded = data ? ('summary' in data ? data.summary : data.centre?.summary) : undefined;
  // Each live signal reloads the dashboard and the service figures beside it.
  const [signals, setSignals] = useState(0);
  const live = useLive(centreId, from, to, () => {
    load.reload();
    setSignals((n) => n + 1);
  });
  const summary = loaded;
  const ages: AgeCell[] = data?.ages ?? [];
  const months: MonthCell[] = [...(data?.breakdown ?? [])].sort((a, b) => (a.key.month ?? '').localeCompare(b.key.month ?? ''));
  const exportUrl = `/exports/attendance.csv?${new URLSearchParams({ from, to, ...(centreId ? { centreId } : {}) })}`;

  return (
    <Page title={t('dashboard.title')}>
      <form class="card form filters" onSubmit={(event) => event.preventDefault()}>
        <Field label={t('dashboard.scope')}>
          <select value={centreId} onChange={(e) => setCentreId(e.currentTarget.value)}>
            <option value="">{t('dashboard.programme')}</option>
            {centres.map((one) => (
              <option key={one.id} value={one.id}>
                {one.name}
              </option>
            ))}
          </select>
        </Field>
        <div class="columns">
          <Field label={t('dashboard.from')}>
            <input type="date" value={from} max={to} onInput={(e) => setFrom(e.currentTarget.value)} />
          </Field>
          <Field label={t('dashboard.to')}>
            <input type="date" value={to} min={from} onInput={(e) => setTo(e.currentTarget.value)} />
          </Field>
        </div>
      </form>
      <Loading load={load} />
      {summary ? (
        <>
          <p class="live-line">
            {live ? <span class="badge live">{t('dashboard.live')}</span> : null}
            <a class="button" href={exportUrl} download>
              {t('dashboard.export')}
            </a>
          </p>
          <section aria-labelledby="figures-title">
            <h2 id="figures-title">{t('dashboard.figures')}</h2>
            <dl class="figures">
              {figures.map(({ key, hours }) => (
                <div key={key} class="figure">
                  <dt>{t(`figure.${key}`)}</dt>
                  <dd data-testid={`figure-${key}`}>{formatNumber(summary[key], hours ? { maximumFractionDigits: 2 } : {})}</dd>
                </div>
              ))}
            </dl>
          </section>
          <ServiceFiguresSection centreId={centreId} from={from} to={to} signals={signals} />
          <div class="chart-grid">
            <BarChart
              id="months"
              title={t('dashboard.perMonth')}
              unit={t('figure.attendances')}
              rows={months.map((cell) => ({ label: formatMonth(cell.key.month ?? ''), value: cell.attendances }))}
            />
            <BarChart
              id="sex"
              title={t('dashboard.bySex')}
              unit={t('figure.uniqueParticipants')}
              rows={([['female', 'FEMALE'], ['male', 'MALE'], ['other', 'OTHER']] as const).map(([key, sex]) => ({ label: t(`sex.${sex}`), value: summary.uniqueParticipantsBySex[key] }))}
            />
            <BarChart
              id="ages"
              title={t('dashboard.byAgeGroup')}
              unit={t('figure.uniqueParticipants')}
              rows={ageGroups.map((group) => ({ label: t(`ageGroup.${group}`), value: ages.find((cell) => cell.key.ageGroup === group)?.uniqueParticipants ?? 0 }))}
            />
          </div>
          {data?.indicators ? <Indicators rows={data.indicators} /> : null}
        </>
      ) : null}
    </Page>
  );
}
