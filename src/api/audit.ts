import express from 'express';
import { getOperationAST, type ExecutionArgs } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Actor } from '../auth/actor.js';
import { authorize } from '../auth/policy.js';
import type { AuditTrail } from '../audit/trail.js';
import { badInput, isDomainError } from '../domain/shared/errors.js';
import type { ApiContext } from './context.js';
import { BOM, csvLine, errorBody, fetchRequestOf } from './csv.js';

/** The operation's name as the client gave it, else its type: what the trail says a request was. */
function operationOf(args: ExecutionArgs): string {
  const operation = getOperationAST(args.document, args.operationName);
  return operation?.name?.value ?? operation?.operation ?? 'unknown';
}

/**
 * After a request has run, one audit entry for the people whose personal fields it returned (the
 * guards in access.ts collect them as the fields resolve); none when it returned none. The entry
 * is queued and stored after the answer's work, in a batch.
 */
export function auditPlugin(): Plugin<ApiContext> {
  return {
    onExecute: ({ args }) => ({
      onExecuteDone: () => {
        const context = args.contextValue as ApiContext;
        if (!context.audit || context.personalReads.size === 0) return;
        context.audit.record({
          at: new Date().toISOString(),
          userId: context.actor.userId,
          role: context.actor.role,
          operation: operationOf(args),
          people: [...context.personalReads.values()],
        });
        context.personalReads.clear();
      },
    }),
  };
}

const accessLogColumns = ['seq', 'at', 'user_id', 'role', 'operation', 'kind', 'person_id', 'code', 'hash'] as const;

function instant(req: express.Request, field: 'from' | 'to'): string | null {
  const value = req.query[field];
  if (value === undefined || value === '') return null;
  const parsed = typeof value === 'string' ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(parsed.getTime())) throw badInput(field, `${field}: must be an instant like 2025-03-14T16:00:00Z`);
  return parsed.toISOString();
}

/**
 * `GET /exports/access-log.csv?participantId=&from=&to=`: the access log about one person, one
 * row per person per entry, ids and codes only. Admins only.
 */
export function createAccessLogExport(audit: AuditTrail | undefined, authenticate: (request: Request) => Promise<Actor>): express.Router {
  const router = express.Router();
  router.get('/access-log.csv', async (req, res) => {
    let actor: Actor;
    try {
      actor = await authenticate(fetchRequestOf(req));
    } catch (error) {
      const message = isDomainError(error) ? error.message : 'the token could not be verified';
      res.status(401).setHeader('www-authenticate', 'Bearer').json(errorBody('UNAUTHENTICATED', message));
      return;
    }
    let rows: string;
    try {
      authorize(actor, 'readAccessLog');
      const participantId = req.query['participantId'];
      if (typeof participantId !== 'string' || participantId === '') throw badInput('participantId', 'participantId: name one person by id');
      const from = instant(req, 'from');
      const to = instant(req, 'to');
      if (from && to && from > to) throw badInput('to', 'to: must not be before from');
      rows = (audit?.entriesAbout(participantId, { from, to }) ?? [])
        .flatMap((entry) =>
          entry.people.map((person) =>
            csvLine([entry.seq, entry.at, entry.userId, entry.role, entry.operation, person.kind, person.id, person.code ?? '', entry.hash]),
          ),
        )
        .join('');
    } catch (error) {
      if (!isDomainError(error)) throw error;
      res.status(error.code === 'FORBIDDEN' ? 403 : 400).json(errorBody(error.code, error.message, error.field));
      return;
    }
    res.status(200);
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', 'attachment; filename="access-log.csv"');
    res.setHeader('cache-control', 'no-store');
    res.end(BOM + csvLine(accessLogColumns) + rows);
  });
  return router;
}
