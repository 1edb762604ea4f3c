import express from 'express';
import type { Logger } from 'pino';
import type { Actor } from '../auth/actor.js';
import { badInput, isDomainError, notFound, type ErrorCode } from '../domain/shared/errors.js';
import { isoDate } from '../domain/shared/input.js';
import type { CentreScope, Period } from '../read/index.js';
import { serviceExportColumns } from '../read/services.js';
import { readAccess } from './access.js';
import { createApiContext, type BarrierServices } from './context.js';
import { BOM, csvLine, errorBody, fetchRequestOf } from './csv.js';

const status: Record<ErrorCode, number> = { BAD_USER_INPUT: 400, NOT_FOUND: 404, CONFLICT: 409, FORBIDDEN: 403, UNAUTHENTICATED: 401 };
const CHUNK_CHARS = 64 * 1024;

function queryDate(req: express.Request, field: 'from' | 'to'): string | null {
  const value = req.query[field];
  if (value === undefined || value === '') return null;
  if (typeof value !== 'string' || !isoDate.safeParse(value).success) throw badInput(field, `${field}: must be a calendar date like 2025-03-14`);
  return value;
}

/**
 * `GET /exports/services.csv?from=&to=&centreId=`: every service of the period, one row each
 * (attendance pairs, consultations, individual sessions, referrals made with their outcome so far,
 * assistance), for the centre named or every centre the reader may see, as the attendance export
 * does (./exports.ts): UTF-8 with a BOM, codes and categories, never a name, a note or a reason.
 * `kind` is the workshop's kind, the consultation's topic, the session's or assistance's kind, or
 * the referral's service.
 */
export function createServicesExport(services: BarrierServices, options: { authenticate: (request: Request) => Promise<Actor>; logger: Logger }): express.Router {
  const router = express.Router();
  router.get('/exports/services.csv', async (req, res) => {
    let actor: Actor;
    try {
      actor = await options.authenticate(fetchRequestOf(req));
    } catch (error) {
      const message = isDomainError(error) ? error.message : 'the token could not be verified';
      res.status(401).setHeader('www-authenticate', 'Bearer').json(errorBody('UNAUTHENTICATED', message));
      return;
    }
    let scope: CentreScope;
    let period: Period;
    try {
      const context = createApiContext(services, actor);
      period = { from: queryDate(req, 'from'), to: queryDate(req, 'to') };
      if (period.from && period.to && period.from > period.to) throw badInput('to', 'to: must not be before from');
      const centreId = req.query['centreId'];
      if (centreId !== undefined && typeof centreId !== 'string') throw badInput('centreId', 'centreId: name one centre');
      if (centreId) {
        if (!services.read.centre(centreId)) throw notFound('centreId', 'no centre has this id');
        readAccess.centre(context, centreId);
        scope = [centreId];
      } else {
        scope = context.scope;
        if (scope !== 'all' && scope.length === 0) readAccess.programme(context);
      }
    } catch (error) {
      if (!isDomainError(error)) throw error;
      res.status(status[error.code]).json(errorBody(error.code, error.message, error.field));
      return;
    }

    res.status(200);
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="${['services', period.from, period.to].filter(Boolean).join('_')}.csv"`);
    res.setHeader('cache-control', 'no-store');
    let gone = false;
    res.on('close', () => {
      gone = true;
    });
    const rows = services.read.services.exportRows(scope, period);
    try {
      let chunk = BOM + csvLine(serviceExportColumns);
      for (const row of rows) {
        if (gone) break;
        chunk += csvLine(serviceExportColumns.map((column) => row[column]));
        if (chunk.length >= CHUNK_CHARS) {
          const more = res.write(chunk);
          chunk = '';
          if (!more) await new Promise<void>((resolve) => (res.once('drain', resolve), res.once('close', resolve)));
        }
      }
      if (!gone) res.end(chunk);
    } catch (error) {
      options.logger.error({ err: error }, 'the services export failed');
      rows.return(undefined);
      if (res.headersSent) res.destroy(error as Error);
      else res.status(500).json(errorBody('INTERNAL_SERVER_ERROR', 'the export failed'));
    }
  });
  return router;
}
