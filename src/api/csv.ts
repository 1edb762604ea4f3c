import type express from 'express';
import { isViewBeingBuilt } from '../projection/views.js';

/** What the CSV exports share: the encoding spreadsheets need, quoting, and the request's credentials. */

/** A byte-order mark, so that spreadsheet programs read the file as UTF-8 (č, ć, š, ž, đ). */
export const BOM = '\uFEFF';

/**
 * One CSV field (RFC 4180), safe to open in a spreadsheet:
 * - text that a spreadsheet would run as a formula (= + - @ first, also after spaces, or a tab,
 *   carriage return or line feed first) gets a leading apostrophe, so a workshop titled
 *   "=HYPERLINK(...)" stays text;
 * - a field holding a comma, semicolon, quote or line break is quoted, quotes doubled; and as
 *   Serbian Excel splits on `;`, a formula after a `;` inside the text is neutralised too
 *   (`x;=1+1` is written `"x;'=1+1"`), so no cell it finds can start one.
 * Numbers are written as they are (a number is never a formula, and -2 must stay a number).
 */
export function csvField(value: string | number | null | undefined): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = value ?? '';
  if (/^[\t\r\n]|^\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/.test(text)) text = `'${text}`;
  // A spreadsheet that splits on `;` ignores a quote in the middle of its cell: what follows a `;`
  // starts a cell there, so it is neutralised the same way.
  text = text.replace(/;(?=\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20\t\r\n])/g, ";'");
  return /[",;\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const csvLine = (fields: readonly (string | number | null | undefined)[]) => `${fields.map(csvField).join(',')}\r\n`;

/** A fetch Request carrying the express request's headers, for the `authenticate` GraphQL uses. */
export function fetchRequestOf(req: express.Request): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    for (const one of value === undefined ? [] : Array.isArray(value) ? value : [value]) {
      try {
        headers.append(name, one);
      } catch {
        // A header fetch cannot carry is not one authentication reads.
      }
    }
  }
  return new Request(new URL(req.originalUrl, 'http://localhost'), { method: 'GET', headers });
}

/** An error answered the way GraphQL answers it, with the contract's code and field. */
export const errorBody = (code: string, message: string, field?: string) => ({
  errors: [{ message, extensions: { code, ...(field ? { field } : {}) } }],
});

/**
 * An export that failed while writing: half a file must not look like a whole one, so a started
 * answer is cut, not ended; before that, a view still being built after an upgrade is a retryable 503.
 */
export function answerExportFailure(res: express.Response, error: unknown): void {
  if (res.headersSent) res.destroy(error as Error);
  else if (isViewBeingBuilt(error)) res.status(503).setHeader('retry-after', '5').json(errorBody('SERVICE_UNAVAILABLE', error.message));
  else res.status(500).json(errorBody('INTERNAL_SERVER_ERROR', 'the export failed'));
}
