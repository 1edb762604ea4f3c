import { randomUUID } from 'node:crypto';
import express from 'express';
import type { Logger } from 'pino';
import type { Actor } from '../auth/actor.js';
import { badInput, isDomainError, type ErrorCode } from '../domain/shared/errors.js';
import { importAttendance } from '../imports/attendance.js';
import { importParticipants } from '../imports/participants.js';
import type { ImportDeps, ImportReport, ImportRequest } from '../imports/run.js';
import { readTable, type Table } from '../imports/table.js';
import type { ProjectionRunner } from '../projection/runner.js';
import type { EventStore } from '../store/port.js';
import { errorBody, fetchRequestOf } from './csv.js';

export interface ImportRouteOptions extends ImportDeps {
  readonly authenticate: (request: Request) => Promise<Actor>;
  readonly runner: ProjectionRunner;
  readonly store: EventStore;
  readonly logger: Logger;
  /** How long the answer waits for the views to include what was stored (ms). */
  readonly waitMs: number;
}

/** A file of up to this size: 50,000 rows of a participants list fit well within it. */
const MAX_FILE = '20mb';

const status: Record<ErrorCode, number> = { BAD_USER_INPUT: 400, NOT_FOUND: 404, CONFLICT: 409, FORBIDDEN: 403, UNAUTHENTICATED: 401 };

/**
 * `POST /imports/participants?centreId=…` and `POST /imports/attendance?centreId=…` (`&dryRun=true`
 * stores nothing): the body is a CSV or XLSX file, the answer a JSON report of each row. Rows run
 * through the same commands as the API, one at a time.
 */
export function createImportRoutes(options: ImportRouteOptions): express.Router {
  const router = express.Router();
  const route = (path: string, run: (deps: ImportDeps, request: ImportRequest, table: Table) => Promise<ImportReport>) =>
    router.post(path, express.raw({ type: () => true, limit: MAX_FILE }), async (req, res) => {
      let actor: Actor;
      try {
        // With its own method: a session cookie on a POST needs its CSRF header.
        const headersOnly = fetchRequestOf(req);
        actor = await options.authenticate(new Request(headersOnly.url, { method: req.method, headers: headersOnly.headers }));
      } catch (error) {
        const message = isDomainError(error) ? error.message : 'the token could not be verified';
        res.status(401).setHeader('www-authenticate', 'Bearer').json(errorBody('UNAUTHENTICATED', message));
        return;
      }
      try {
        const centreId = req.query['centreId'];
        if (typeof centreId !== 'string' || centreId === '') throw badInput('centreId', 'centreId: name the centre the list belongs to');
        const dryRun = req.query['dryRun'];
        if (dryRun !== undefined && dryRun !== 'true' && dryRun !== 'false') throw badInput('dryRun', 'dryRun: true or false');
        // Reads (codes, households, names) see every write answered before this request.
        await options.runner.waitFor(await options.store.headPosition(), options.waitMs);
        const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        const correlationId = typeof req.headers['x-correlation-id'] === 'string' ? req.headers['x-correlation-id'] : randomUUID();
        const report = await run(options, { actor, correlationId, centreId, dryRun: dryRun === 'true' }, await readTable(body));
        // The answer comes once the views include what was stored: a query sent after it sees it.
        if (report.stored > 0) await options.runner.waitFor(await options.store.headPosition(), options.waitMs);
        // Counts only: a list of children's names is never logged.
        options.logger.info({ path, rows: report.rows, accepted: report.accepted, rejected: report.rejected.length, stored: report.stored, dryRun: dryRun === 'true' }, 'import');
        res.json(report);
      } catch (error) {
        if (!isDomainError(error)) {
          options.logger.error({ err: error }, 'import failed');
          res.status(500).json(errorBody('INTERNAL_SERVER_ERROR', 'the import failed; rows already stored stay stored, and importing the file again adds only the rest'));
          return;
        }
        res.status(status[error.code]).json(errorBody(error.code, error.message, error.field));
      }
    });
  route('/imports/participants', importParticipants);
  route('/imports/attendance', importAttendance);
  return router;
}
