import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { badInput } from '../domain/shared/errors.js';

/** One data row of an imported file, numbered as in the file (the header is row 1). */
export interface TableRow {
  readonly row: number;
  /** Cell text by column index, trimmed. */
  readonly cells: readonly string[];
}

/** A list as a programme keeps it: the header as the file writes it, and the rows. */
export interface Table {
  readonly headers: readonly string[];
  readonly rows: readonly TableRow[];
}

/** At most this many data rows in one file: a programme's whole list, well within a request's time. */
export const MAX_ROWS = 50_000;

const isXlsx = (body: Buffer) => body.length > 4 && body[0] === 0x50 && body[1] === 0x4b && body[2] === 0x03 && body[3] === 0x04;

/** Reads a CSV (UTF-8, with or without BOM, comma or semicolon) or an XLSX file (its first sheet). */
export async function readTable(body: Buffer): Promise<Table> {
  if (body.length === 0) throw badInput('file', 'the request has no file: send a CSV or XLSX file as the body');
  const table = isXlsx(body) ? await readXlsx(body) : readCsv(body);
  if (table.headers.every((header) => header === '')) throw badInput('file', 'the file has no header row');
  if (table.rows.length > MAX_ROWS) throw badInput('file', `at most ${MAX_ROWS} rows in one file`);
  return table;
}

function readCsv(body: Buffer): Table {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw badInput('file', 'the file is not UTF-8 text: save it as CSV UTF-8, or as XLSX');
  }
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  // Spreadsheets set to Serbian (decimal comma) save CSV with semicolons.
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { delimiter, info: true, skip_empty_lines: true, relax_column_count: true, relax_quotes: true }) as unknown as typeof records;
  } catch (error) {
    throw badInput('file', `the CSV file cannot be read: ${(error as Error).message}`);
  }
  const [header, ...rows] = records;
  return {
    headers: (header?.record ?? []).map((cell) => cell.trim()),
    rows: rows
      .map(({ record, info }) => ({ row: info.lines, cells: record.map((cell) => cell.trim()) }))
      .filter((row) => row.cells.some((cell) => cell !== '')),
  };
}

async function readXlsx(body: Buffer): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(body as unknown as ArrayBuffer);
  } catch {
    throw badInput('file', 'the XLSX file cannot be read');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw badInput('file', 'the workbook has no sheet');
  const lines: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let column = 1; column <= row.cellCount; column++) cells.push(cellText(row.getCell(column)));
    lines.push({ row: rowNumber, cells });
  });
  const [header, ...rows] = lines;
  return { headers: header?.cells ?? [], rows: rows.filter((row) => row.cells.some((cell) => cell !== '')) };
}

/** A cell as the text a person sees, dates as ISO dates (a date typed in Excel is a number underneath). */
function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value instanceof Date) {
    // Excel dates carry no zone: their UTC fields are what was typed.
    return cell.numFmt && /h|s/.test(cell.numFmt.replace(/\[.*?\]/g, '')) && !/[dy]/.test(cell.numFmt) ? value.toISOString().slice(11, 16) : value.toISOString().slice(0, 10);
  }
  return (cell.text ?? '').trim();
}

/** A header as the importer compares it: lower case, without diacritics, spaces as underscores. */
export const headerKey = (header: string) =>
  header
    .trim()
    .toLowerCase()
    .replace(/đ/g, 'dj')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[\s-]+/g, '_');

/** Finds each field's column by the names it may have (English and Serbian). */
export function columnsOf<F extends string>(headers: readonly string[], names: Readonly<Record<F, readonly string[]>>): Partial<Record<F, number>> {
  const keys = headers.map(headerKey);
  const found: Partial<Record<F, number>> = {};
  for (const field of Object.keys(names) as F[]) {
    const index = keys.findIndex((key) => names[field].includes(key));
    if (index >= 0) found[field] = index;
  }
  return found;
}
