import type express from 'express';
import type { CORSOptions } from 'graphql-yoga';
import { errorBody } from '../csv.js';

/**
 * Which web pages may call the API with a signed-in person's cookie: the server's own only, unless
 * `CORS_ORIGINS` names others. A page of any other site gets no CORS headers at all, so its
 * browser keeps the answer from it.
 */
export function corsFor(allowedOrigins: readonly string[]) {
  return (request: Request): CORSOptions => {
    const origin = request.headers.get('origin');
    if (origin === null || !allowedOrigins.includes(origin)) return false;
    return { origin: [origin], credentials: true, methods: ['GET', 'POST'], allowedHeaders: ['content-type', 'authorization', 'x-csrf-token', 'x-await-position'] };
  };
}

/**
 * A browser says where a request comes from (`Sec-Fetch-Site`); one sent by another site's page is
 * refused before it runs, as on /auth, unless that site is one of `CORS_ORIGINS`. Clients other
 * than browsers send no such header and are not affected.
 */
export function refuseOtherSites(allowedOrigins: readonly string[]): express.RequestHandler {
  return (req, res, next) => {
    const site = req.headers['sec-fetch-site'];
    const origin = req.headers.origin;
    if ((site === 'cross-site' || site === 'same-site') && !(origin !== undefined && allowedOrigins.includes(origin))) {
      res.status(403).json(errorBody('FORBIDDEN', 'requests from other sites are refused'));
      return;
    }
    next();
  };
}
