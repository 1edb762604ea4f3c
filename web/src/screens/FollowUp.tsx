import { CentreFollowUp } from '../api/operations.js';
import { personName } from '../components/people.js';
import { CentrePicker, ErrorNote, Loading, Page, useCentres, useChosenCentre, useQuery } from '../components/ui.js';
import { today } from '../dates.js';
import { formatDate, plural, t } from '../i18n.js';

/** Children who came regularly and stopped: someone should call the family. Longest absent first (the API's order). */
export function FollowUp() {
  const { centres, error } = useCentres();
  const [centreId, setCentreId] = useChosenCentre(centres);
  const load = useQuery(CentreFollowUp, centreId ? { id: centreId, on: today() } : null);
  const rows = load.data?.centre?.followUp ?? [];
  return (
    <Page title={t('followUp.title')}>
      <ErrorNote error={error} />
      <CentrePicker centres={centres} value={centreId} onChange={setCentreId} />
      <p class="hint">{t('followUp.rule')}</p>
      <Loading load={load} />
      {rows.length ? (
        <ul class="list" aria-label={t('followUp.title')}>
          {rows.map((row) => (
            <li key={row.participant.id} class="row">
              <span class="row-main">
                <strong>{personName(row.participant)}</strong>
                <span class="muted">
                  {row.participant.code} · {t('followUp.last', { date: formatDate(row.lastAttendedOn) })} · {plural('followUp.sessions', row.sessions)}
                </span>
              </span>
            </li>
          ))}
        </ul>
      ) : load.data ? (
        <p class="muted">{t('followUp.none')}</p>
      ) : null}
    </Page>
  );
}
