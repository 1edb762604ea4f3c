import express from 'express';
import type { Logger } from 'pino';
import type { Actor } from '../auth/actor.js';
import { badInput, isDomainError, notFound, type ErrorCode } from '../domain/shared/errors.js';
import { isoDate } from '../domain/shared/input.js';
import { attendanceCellColumns } from '../read/attendance-cells.js';
import { attendanceExportColumns, type AttendanceExportRow } from '../read/attendance-export.js';
import type { CentreScope, Period } from '../read/index.js';
import { readAccess } from './access.js';
import { createApiContext, type ConsistentServices } from './context.js';
import { answerExportFailure, BOM, csvLine, errorBody, fetchRequestOf } from './csv.js';

export { csvField, csvLine } from './csv.js';

export interface ExportOptions {
  /** The same function the GraphQL context uses: the actor, or a throw for missing or bad credentials. */
  readonly authenticate: (request: Request) => Promise<Actor>;
  readonly logger: Logger;
}

/** Rows are written in chunks of about this many characters, waiting for the client between them. */
const CHUNK_CHARS = 64 * 1024;

const status: Record<ErrorCode, number> = { BAD_USER_INPUT: 400, NOT_FOUND: 404, CONFLICT: 409, FORBIDDEN: 403, UNAUTHENTICATED: 401 };

function queryDate(req: express.Request, field: 'from' | 'to'): string | null {
  const value = req.query[field];
  if (value === undefined || value === '') return null;
  if (typeof value !== 'string' || !isoDate.safeParse(value).success) throw badInput(field, `${field}: must be a calendar date like 2025-03-14`);
  return value;
}

/** Resolves once the response can take more (or is gone), so a slow client slows the reading. */
const drained = (res: express.Response) =>
  new Promise<void>((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });

/**
 * Who asks an export for what: the actor from the bearer token (401 without a valid one), the
 * period, and the centres (the one named, which the reader must be allowed to read, or every centre
 * the reader may see). A refusal is answered here, and then nothing is returned.
 */
export async function exportRequest(
  services: ConsistentServices,
  authenticate: (request: Request) => Promise<Actor>,
  req: express.Request,
  res: express.Response,
): Promise<{ scope: CentreScope; period: Period } | undefined> {
  let actor: Actor;
  try {
    actor = await authenticate(fetchRequestOf(req));
  } catch (error) {
    const message = isDomainError(error) ? error.message : 'the token could not be verified';
    res.status(401).setHeader('www-authenticate', 'Bearer').json(errorBody('UNAUTHENTICATED', message));
    return undefined;
  }
  try {
    const correlationId = req.headers['x-correlation-id'];
    const context = createApiContext(services, actor, typeof correlationId === 'string' ? correlationId : undefined);
    const period = { from: queryDate(req, 'from'), to: queryDate(req, 'to') };
    if (period.from && period.to && period.from > period.to) throw badInput('to', 'to: must not be before from');
    const centreId = req.query['centreId'];
    if (centreId !== undefined && typeof centreId !== 'string') throw badInput('centreId', 'centreId: name one centre');
    if (centreId) {
      if (!services.read.centre(centreId)) throw notFound('centreId', 'no centre has this id');
      readAccess.centre(context, centreId);
      return { scope: [centreId], period };
    }
    if (context.scope !== 'all' && context.scope.length === 0) readAccess.programme(context);
    return { scope: context.scope, period };
  } catch (error) {
    if (!isDomainError(error)) throw error;
    res.status(status[error.code]).json(errorBody(error.code, error.message, error.field));
    return undefined;
  }
}

/**
 * `GET /exports/attendance.csv?from=&to=&centreId=`: the period's attendance pairs, one row each,
 * for the centre named or every centre the reader may see (`&suppress=true`: cells to share instead). Pseudonymous codes and categories
 * only, never a person's name. Streamed from the views row by row with backpressure.
 */
export function createExportRoutes(services: ConsistentServices, options: ExportOptions): express.Router {
  const router = express.Router();

  router.get('/attendance.csv', async (req, res) => {
    const asked = await exportRequest(services, options.authenticate, req, res);
    if (!asked) return;
    const { scope, period } = asked;

    const suppress = req.query['suppress'] === 'true';
    const name = ['attendance', period.from, period.to, suppress ? 'shared' : ''].filter(Boolean).join('_');
    res.status(200);
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="${name}.csv"`);
    res.setHeader('cache-control', 'no-store');

    if (suppress) {
      // A copy to share: cells without codes, small ones written <5 (src/read/attendance-cells.ts).
      let body = BOM + csvLine(attendanceCellColumns);
      for (const cell of services.read.attendanceCells(scope, period)) {
        body += csvLine(attendanceCellColumns.map((column) => (column === 'attendances' && cell.attendances === null ? '<5' : cell[column])));
      }
      res.end(body);
      return;
    }

    let gone = false;
    res.on('close', () => {
      gone = true;
    });
    const rows = services.read.attendanceExport(scope, period);
    try {
      let chunk = BOM + csvLine(attendanceExportColumns);
      // Leaving the loop early (client gone) returns the iterator, which closes its connection.
      for (const row of rows) {
        if (gone) break;
        chunk += csvLine(attendanceExportColumns.map((column) => (row as AttendanceExportRow)[column]));
        if (chunk.length >= CHUNK_CHARS) {
          const more = res.write(chunk);
          chunk = '';
          if (!more) await drained(res);
        }
      }
      if (!gone) res.end(chunk);
    } catch (error) {
      options.logger.error({ err: error }, 'the attendance export failed');
      rows.return(undefined);
      answerExportFailure(res, error);
    }
  });

  return router;
}
