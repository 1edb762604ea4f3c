import express from 'express';

/**
 * Every body, whatever its content type, is read with a counter that stops at `bytes`: a declared
 * Content-Length over it is refused before a byte is read, and a chunked body is cut off as soon as
 * it passes it (raw-body aborts the stream), never after it was buffered whole.
 */
export function limitEveryBody(bytes: number): express.RequestHandler[] {
  const declared: express.RequestHandler = (req, _res, next) => {
    const length = Number(req.headers['content-length']);
    if (Number.isFinite(length) && length > bytes) {
      // Read nothing; the error handler answers 413 and the connection is closed after it.
      req.unpipe();
      next(Object.assign(new Error('request entity too large'), { type: 'entity.too.large', status: 413 }));
      return;
    }
    next();
  };
  const json = express.json({ limit: bytes, type: ['application/json', 'application/graphql-response+json', 'application/*+json'] });
  // Any other type arrives as bytes, read under the same limit, and GraphQL decides what to make of it.
  const other = express.raw({ limit: bytes, type: () => true });
  return [declared, json, other];
}
