import ExcelJS from 'exceljs';
import express from 'express';
import type { Actor } from '../auth/actor.js';
import { authorize } from '../auth/policy.js';
import { badInput, isDomainError, notFound, type ErrorCode } from '../domain/shared/errors.js';
import { isoDate } from '../domain/shared/input.js';
import { measureTraits } from '../domain/programmes/measures.js';
import type { ProgrammeView } from '../../projections/programmes.js';
import type { IndicatorFigure } from '../read/programmes.js';
import type { ReadModel } from '../read/index.js';
import { isSmall } from '../read/suppression.js';
import { errorBody, fetchRequestOf } from './csv.js';

const status: Record<ErrorCode, number> = { BAD_USER_INPUT: 400, NOT_FOUND: 404, CONFLICT: 409, FORBIDDEN: 403, UNAUTHENTICATED: 401 };

/** How a suppressed figure is written where figures are shared. */
export const SUPPRESSED = '<5';

/** A figure as shared: a count of 1 to 4 people is written `<5` even as an indicator's total. */
const shared = (figure: IndicatorFigure, value: number | null): number | string | null =>
  value !== null && figure.countsPeople && isSmall(value) ? SUPPRESSED : value;

const dimensionColumns = [
  ['sex', 'Sex'],
  ['ageGroup', 'Age group'],
  ['group', 'Group'],
  ['kind', 'Workshop kind'],
  ['centreId', 'Centre'],
  ['district', 'District'],
  ['month', 'Month'],
] as const;

/** A sheet name Excel accepts: at most 31 characters, none of []:*?/\ , unique in the workbook. */
function sheetName(code: string, taken: Set<string>): string {
  const base = code.replace(/[[\]:*?/\\]/g, '-').slice(0, 28) || 'Indicator';
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base.slice(0, 27)}~${n}`;
  taken.add(name.toLowerCase());
  return name;
}

/** A text cell that a spreadsheet would run as a formula stays text. */
const safeText = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

/**
 * The logframe as a workbook: the programme and one row per indicator on the first sheet, then a
 * sheet per indicator with its cells. The same figures as `programme.indicators`, with counts of
 * 1 to 4 people written `<5` (it is a copy meant for the donor).
 */
export async function programmeWorkbook(
  programme: ProgrammeView,
  period: { from: string; to: string; asOf: string | null },
  figures: readonly IndicatorFigure[],
  centreName: (id: string) => string,
  madeAt: Date,
): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'centre-ledger';
  book.created = madeAt;
  // One page wide when printed (or rendered to PDF), as a donor's report is read.
  const pageSetup = { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 } as const;
  const summary = book.addWorksheet('Logframe', { views: [{ state: 'frozen', ySplit: 7 }], pageSetup });
  summary.columns = [{ width: 12 }, { width: 48 }, { width: 14 }, { width: 14 }, { width: 12 }, { width: 16 }];
  const header: [string, string][] = [
    ['Programme', safeText(programme.name)],
    ['Donor', safeText(programme.donor)],
    ['Period', `${period.from} – ${period.to}`],
    ['As of', period.asOf ?? 'all records (live)'],
    ['Made', madeAt.toISOString()],
  ];
  for (const [label, value] of header) {
    const row = summary.addRow([label, value]);
    row.getCell(1).font = { bold: true };
  }
  summary.addRow([]);
  const titles = summary.addRow(['Code', 'Indicator', 'Value', 'Target', 'Progress', 'As reported']);
  titles.font = { bold: true };
  titles.eachCell((cell, column) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } };
    cell.border = { bottom: { style: 'thin' } };
    if (column >= 3) cell.alignment = { horizontal: 'right' };
  });
  for (const figure of figures) {
    const row = summary.addRow([
      safeText(figure.indicator.code),
      safeText(figure.indicator.version.name),
      shared(figure, figure.value),
      figure.target,
      figure.progress,
      shared(figure, figure.valueAsReported),
    ]);
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
    row.getCell(5).numFmt = '0.0%';
    const share = measureTraits[figure.indicator.version.measure].share;
    for (const column of [3, 4, 6]) row.getCell(column).numFmt = share ? '0.0%' : Number.isInteger(row.getCell(column).value) ? '#,##0' : '#,##0.00';
    for (const column of [3, 4, 5, 6]) row.getCell(column).alignment = { horizontal: 'right' };
  }

  const taken = new Set(['logframe']);
  for (const figure of figures) {
    const sheet = book.addWorksheet(sheetName(figure.indicator.code, taken), { pageSetup });
    sheet.addRow([`${figure.indicator.code} ${figure.indicator.version.name}`]).font = { bold: true };
    sheet.addRow([]);
    const used = dimensionColumns.filter(([key]) => figure.cells.some((cell) => cell.key[key] !== null));
    const head = sheet.addRow([...used.map(([, title]) => title), 'Value']);
    head.font = { bold: true };
    head.getCell(used.length + 1).alignment = { horizontal: 'right' };
    for (const cell of figure.cells) {
      const keys = used.map(([key]) => (key === 'centreId' && cell.key.centreId ? centreName(cell.key.centreId) : cell.key[key]));
      const row = sheet.addRow([...keys, cell.suppressed ? SUPPRESSED : cell.value]);
      row.getCell(keys.length + 1).alignment = { horizontal: 'right' };
      if (measureTraits[figure.indicator.version.measure].share) row.getCell(keys.length + 1).numFmt = '0.0%';
    }
    if (figure.cells.length === 0) sheet.addRow(['No breakdown for this indicator.']);
    sheet.columns = [...used.map(([key]) => ({ width: key === 'centreId' || key === 'district' ? 28 : 16 })), { width: 12 }];
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

function queryDate(req: express.Request, field: 'from' | 'to'): string {
  const value = req.query[field];
  if (typeof value !== 'string' || !isoDate.safeParse(value).success) throw badInput(field, `${field}: must be a calendar date like 2025-03-14`);
  return value;
}

/** `GET /exports/programme.xlsx?programmeId=&from=&to=[&asOf=]`: for admins and coordinators, as `programme` is. */
export function createProgrammeExport(read: ReadModel, authenticate: (request: Request) => Promise<Actor>): express.Router {
  const router = express.Router();
  router.get('/programme.xlsx', async (req, res) => {
    let actor: Actor;
    try {
      actor = await authenticate(fetchRequestOf(req));
    } catch (error) {
      const message = isDomainError(error) ? error.message : 'the token could not be verified';
      res.status(401).setHeader('www-authenticate', 'Bearer').json(errorBody('UNAUTHENTICATED', message));
      return;
    }
    try {
      authorize(actor, 'readProgramme');
      const programmeId = req.query['programmeId'];
      if (typeof programmeId !== 'string' || programmeId === '') throw badInput('programmeId', 'programmeId: name one programme');
      const from = queryDate(req, 'from');
      const to = queryDate(req, 'to');
      if (from > to) throw badInput('to', 'to: must not be before from');
      const asOfText = req.query['asOf'];
      let asOf: string | null = null;
      if (asOfText !== undefined && asOfText !== '') {
        if (typeof asOfText !== 'string' || Number.isNaN(Date.parse(asOfText))) throw badInput('asOf', 'asOf: must be an ISO date-time');
        asOf = asOfText;
      }
      const programme = read.programmes.programme(programmeId);
      if (!programme) throw notFound('programmeId', 'no programme has this id');
      const figures = read.programmes.figures(programme, from, to, asOf);
      const body = await programmeWorkbook(programme, { from, to, asOf }, figures, (id) => read.centre(id)?.name ?? id, new Date());
      const name = `${programme.name.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || 'programme'}_${from}_${to}.xlsx`;
      res.status(200);
      res.setHeader('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      res.setHeader('content-disposition', `attachment; filename="${encodeURIComponent(name)}"`);
      res.setHeader('cache-control', 'no-store');
      res.end(body);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      res.status(status[error.code]).json(errorBody(error.code, error.message, error.field));
    }
  });
  return router;
}
