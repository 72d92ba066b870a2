import ExcelJS from 'exceljs';
import { GraphQLError } from 'graphql';
import { DateTime } from 'luxon';
import { badInput } from '../../errors/errors.js';
import type { ParsedItem } from './channel-adapter.js';
import { openSpreadsheet, DEFAULT_SPREADSHEET_LIMITS, SheetBudget, type SpreadsheetLimits } from './spreadsheet-limits.js';
import { resolveColumns, rowOf, type Cell, type RegionalOptions, type RegionalRow } from './regional-mapping.js';
import { regionalAdapter } from './regional-adapter.js';

/**
 * A spreadsheet cell as plain text, number or boolean. Dates carry no zone
 * in XLSX (exceljs gives the wall-clock time as if it were UTC): they become
 * local ISO text without an offset, read later in the region's zone.
 */
export function cellValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return DateTime.fromJSDate(value, { zone: 'utc' }).toFormat("yyyy-MM-dd'T'HH:mm:ss");
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('hyperlink' in value) return cellValue(value.text as ExcelJS.CellValue);
  if ('formula' in value || 'sharedFormula' in value) return cellValue((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ('error' in value) return null;
  return String(value);
}

/** exceljs's streaming reader: the sheet is read row by row, never held whole. */
type SheetReader = AsyncIterable<ExcelJS.Row> & { name?: string };
type BookReader = AsyncIterable<SheetReader> & { model?: { sheets?: { name: string }[] } };

const cellsOf = (row: ExcelJS.Row, width: number): Cell[] => Array.from({ length: width }, (_, i) => cellValue(row.getCell(i + 1).value));
const sheetNames = (book: BookReader) => (book.model?.sheets ?? []).map((sheet) => `«${sheet.name}»`).join(', ');

/**
 * Reads an XLSX export with exceljs's streaming reader, within `limits`
 * (spreadsheet-limits.ts: the package is checked before it is read, rows
 * and cells are counted while reading). The header is the sheet's first row
 * and sets the width; position = the row number.
 */
async function* parseXlsx(
  input: Buffer,
  options: RegionalOptions,
  limits: SpreadsheetLimits = DEFAULT_SPREADSHEET_LIMITS,
): AsyncIterable<ParsedItem<RegionalRow>> {
  const book = (await openSpreadsheet(input, limits)) as unknown as BookReader;
  const budget = new SheetBudget(limits);
  let found = false;
  try {
    for await (const sheet of book) {
      if (found || (options.sheet && sheet.name !== options.sheet)) continue;
      found = true;
      let headers: string[] | null = null;
      let columns: ReturnType<typeof resolveColumns> | null = null;
      for await (const row of sheet) {
        budget.row(row.cellCount);
        if (!headers) {
          if (row.number !== 1) throw badInput('file', 'На листе нет строки заголовка');
          headers = cellsOf(row, row.cellCount).map((h) => (h === null ? '' : String(h).trim()));
          if (!headers.some(Boolean)) throw badInput('file', 'На листе нет строки заголовка');
          columns = resolveColumns(headers, options);
          continue;
        }
        const values = cellsOf(row, headers.length);
        if (values.every((v) => v === null || v === '')) continue;
        yield { position: row.number, record: rowOf(values, headers, columns!) };
      }
      if (!headers) throw badInput('file', 'На листе нет строки заголовка');
    }
  } catch (error) {
    if (error instanceof GraphQLError) throw error;
    throw badInput('file', `Файл не является книгой Excel (XLSX): ${(error as Error).message}`);
  }
  if (!found) {
    throw badInput('sheet', options.sheet ? `В книге нет листа «${options.sheet}»; листы: ${sheetNames(book)}` : 'В книге нет листов');
  }
}

export const regionalXlsxAdapter = regionalAdapter('regional-xlsx', 'Региональная или муниципальная система: выгрузка Excel (XLSX)', parseXlsx);
