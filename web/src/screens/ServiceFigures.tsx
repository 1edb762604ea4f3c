import { useEffect } from 'preact/hooks';
import { CentreServiceFigures, ProgrammeServiceFigures, type ServiceFigures } from '../api/services.js';
import { Loading, useQuery } from '../components/ui.js';
import { formatNumber, t } from '../i18n.js';

const keys: (keyof ServiceFigures)[] = ['uniqueBeneficiaries', 'individualSessions', 'referralsMade', 'referralsCompleted', 'assistanceRecipients'];

/** Beside the workshop figures: unique beneficiaries of any service, and the services beyond workshops. */
export function ServiceFiguresSection({ centreId, from, to, signals = 0 }: { centreId: string; from: string; to: string; signals?: number }) {
  const valid = from <= to;
  const programme = useQuery(ProgrammeServiceFigures, !centreId && valid ? { from, to } : null);
  const centre = useQuery(CentreServiceFigures, centreId && valid ? { centreId, from, to } : null);
  const load = centreId ? centre : programme;
  // The dashboard's live subscription says the figures changed (a service recorded too): read them again.
  useEffect(() => {
    if (signals > 0) load.reload();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signals]);
  const figures = centreId ? centre.data?.centre?.summary : programme.data?.summary;
  const exportUrl = `/exports/services.csv?${new URLSearchParams({ from, to, ...(centreId ? { centreId } : {}) })}`;
  return (
    <section aria-labelledby="service-figures-title">
      <h2 id="service-figures-title">{t('dashboard.services')}</h2>
      <Loading load={load} />
      {figures ? (
        <dl class="figures">
          {keys.map((key) => (
            <div key={key} class="figure">
              <dt>{t(`figure.${key}`)}</dt>
              <dd data-testid={`figure-${key}`}>{formatNumber(figures[key])}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      <p>
        <a class="button" href={exportUrl} download>
          {t('dashboard.exportServices')}
        </a>
      </p>
    </section>
  );
}
