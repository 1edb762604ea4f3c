import express from 'express';
import type { Logger } from 'pino';
import type { Actor } from '../auth/actor.js';
import { serviceExportColumns } from '../read/services.js';
import type { ConsistentServices } from './context.js';
import { answerExportFailure, BOM, csvLine, errorBody } from './csv.js';
import { exportRequest } from './exports.js';

const CHUNK_CHARS = 64 * 1024;

/**
 * `GET /exports/services.csv?from=&to=&centreId=`: every service of the period, one row each
 * (attendance pairs, consultations, individual sessions, referrals made with their outcome so far,
 * assistance), for the centre named or every centre the reader may see, as the attendance export
 * does (./exports.ts): UTF-8 with a BOM, codes and categories, never a name, a note or a reason.
 * `kind` is the workshop's kind, the consultation's topic, the session's or assistance's kind, or
 * the referral's service.
 */
export function createServicesExport(services: ConsistentServices, options: { authenticate: (request: Request) => Promise<Actor>; logger: Logger }): express.Router {
  const router = express.Router();
  router.get('/services.csv', async (req, res) => {
    const asked = await exportRequest(services, options.authenticate, req, res);
    if (!asked) return;
    const { scope, period } = asked;

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
      answerExportFailure(res, error);
    }
  });
  return router;
}
