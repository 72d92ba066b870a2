import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import { Channel } from '../../entities/enums.js';
import { badInput } from '../../errors/errors.js';
import type { ChannelAdapter, ParsedItem } from '../channel-adapter.js';
import { mapRegionalRow, regionalExternalIdOf, regionalOptionsSchema, resolveColumns, rowFromRaw, rowOf, type Cell, type RegionalOptions, type RegionalRow } from './regional-mapping.js';

/**
 * A spreadsheet cell as plain text, number or boolean. Dates carry no zone
 * in XLSX (exceljs gives the wall-clock time as if it were UTC): they become
 * local ISO text without an offset, read later in the region's zone.
 */
function cellValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return DateTime.fromJSDate(value, { zone: 'utc' }).toFormat("yyyy-MM-dd'T'HH:mm:ss");
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('hyperlink' in value) return cellValue(value.text as ExcelJS.CellValue);
  if ('formula' in value || 'sharedFormula' in value) return cellValue((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ('error' in value) return null;
  return String(value);
}

/** Reads an XLSX export with `exceljs`: the header is the sheet's first row; position = the row number. */
async function* parseXlsx(input: Buffer, options: RegionalOptions): AsyncIterable<ParsedItem<RegionalRow>> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(input as unknown as ExcelJS.Buffer);
  } catch (error) {
    throw badInput('file', `Файл не является книгой Excel (XLSX): ${(error as Error).message}`);
  }
  const sheet = options.sheet ? workbook.getWorksheet(options.sheet) : workbook.worksheets[0];
  if (!sheet) {
    throw badInput('sheet', options.sheet ? `В книге нет листа «${options.sheet}»; листы: ${workbook.worksheets.map((w) => `«${w.name}»`).join(', ')}` : 'В книге нет листов');
  }
  const width = sheet.columnCount;
  const valuesOf = (rowNumber: number): Cell[] => {
    const row = sheet.getRow(rowNumber);
    return Array.from({ length: width }, (_, i) => cellValue(row.getCell(i + 1).value));
  };
  const headers = valuesOf(1).map((h) => (h === null ? '' : String(h).trim()));
  if (!headers.some(Boolean)) throw badInput('file', 'На листе нет строки заголовка');
  const columns = resolveColumns(headers, options);
  for (let rowNumber = 2; rowNumber <= sheet.rowCount; rowNumber++) {
    const values = valuesOf(rowNumber);
    if (values.every((v) => v === null || v === '')) continue;
    yield { position: rowNumber, record: rowOf(values, headers, columns) };
  }
}

export const regionalXlsxAdapter: ChannelAdapter<RegionalRow, RegionalOptions> = {
  code: 'regional-xlsx',
  keyspace: 'regional',
  externalIdOf: regionalExternalIdOf,
  channel: Channel.REGIONAL_SYSTEM,
  channels: [Channel.REGIONAL_SYSTEM, Channel.MUNICIPAL_SYSTEM],
  title: 'Региональная или муниципальная система: выгрузка Excel (XLSX)',
  options: regionalOptionsSchema,
  parse: parseXlsx,
  revive: rowFromRaw,
  rawOf: (row) => row.raw,
  map: mapRegionalRow,
  mapStatusOut: (status) => status,
};
