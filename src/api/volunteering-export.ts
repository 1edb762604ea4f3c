import express from 'express';
import type { Actor } from '../auth/actor.js';
import { visibleCentreIds } from '../auth/policy.js';
import { isDomainError } from '../domain/shared/errors.js';
import type { ReadModel } from '../read/index.js';
import { BOM, csvLine, errorBody, fetchRequestOf } from './csv.js';

export const volunteeringColumns = [
  'volunteer_id',
  'home_centre',
  'hours',
  'long_term',
  'long_term_days_without_agreement',
  'agreements',
  'agreement_periods',
] as const;

const isActor = (value: unknown): value is Actor =>
  typeof value === 'object' && value !== null && typeof (value as Actor).role === 'string' && Array.isArray((value as Actor).centreIds);

/**
 * The annual volunteering report as CSV: `GET /exports/volunteering.csv?year=2026`.
 *
 * One row per volunteer registered at the centres the reader may see (as for summaries) with
 * hours in the year or an agreement valid in it, by id, never by name: hours in the year (at any
 * centre), `long_term` 1 when the volunteer met the long-term threshold on at least one day of
 * the year (more than 10 hours in each of the 13 weeks ending that day; see
 * src/domain/volunteers/long-term.ts), the days of the year on which they were long-term without
 * a valid agreement, and the agreements valid in the year. The last row, `TOTAL`, sums each
 * numeric column (so its `long_term` counts the long-term volunteers).
 *
 * `authenticate` is the one GraphQL uses; when it throws, the answer is 401.
 */
export function createVolunteeringExport(read: ReadModel, authenticate: (request: Request) => Promise<unknown>): express.Router {
  const router = express.Router();

  router.get('/volunteering.csv', async (req, res) => {
    let actor: unknown;
    try {
      actor = await authenticate(fetchRequestOf(req));
    } catch (error) {
      const message = isDomainError(error) ? error.message : 'the token could not be verified';
      res.status(401).setHeader('www-authenticate', 'Bearer').json(errorBody('UNAUTHENTICATED', message));
      return;
    }

    const scope = isActor(actor) ? visibleCentreIds(actor) : [];
    if (scope !== 'all' && scope.length === 0) {
      res.status(403).json(errorBody('FORBIDDEN', 'this role may not read volunteering reports'));
      return;
    }

    const text = req.query['year'];
    const year = typeof text === 'string' && /^\d{4}$/.test(text) ? Number(text) : NaN;
    if (!(year >= 1900 && year <= 9999)) {
      res.status(400).json(errorBody('BAD_USER_INPUT', 'year: must be a year like 2026', 'year'));
      return;
    }

    const rows = read.agreements.volunteeringYear(scope, year);
    const centreNames = new Map<string, string>();
    const centreName = (id: string) => {
      if (!centreNames.has(id)) centreNames.set(id, read.centre(id)?.name ?? id);
      return centreNames.get(id)!;
    };
    let body = BOM + csvLine(volunteeringColumns);
    const total = { hundredths: 0, longTerm: 0, days: 0, agreements: 0 };
    for (const row of rows) {
      body += csvLine([
        row.volunteerId,
        centreName(row.homeCentreId),
        row.hundredths / 100,
        row.longTerm ? 1 : 0,
        row.daysWithoutAgreement,
        row.agreements.length,
        row.agreements.map((a) => `${a.signedOn}..${a.validUntil}`).join('; '),
      ]);
      total.hundredths += row.hundredths;
      total.longTerm += row.longTerm ? 1 : 0;
      total.days += row.daysWithoutAgreement;
      total.agreements += row.agreements.length;
    }
    body += csvLine(['TOTAL', '', total.hundredths / 100, total.longTerm, total.days, total.agreements, '']);

    res.status(200);
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="volunteering_${year}.csv"`);
    res.setHeader('cache-control', 'no-store');
    res.send(body);
  });

  return router;
}
