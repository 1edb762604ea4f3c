import type express from 'express';

/** What the CSV exports share: the encoding spreadsheets need, quoting, and the request's credentials. */

/** A byte-order mark, so that spreadsheet programs read the file as UTF-8 (č, ć, š, ž, đ). */
export const BOM = '\uFEFF';

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break, quotes doubled.
 * Text that a spreadsheet would run as a formula (= + - @, tab, carriage return first) gets a
 * leading apostrophe, so a workshop titled "=HYPERLINK(...)" stays text when the file is opened.
 */
export function csvField(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
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
