import ExcelJS from 'exceljs';
import { parse } from 'csv-parse';
import { GraphQLError } from 'graphql';
import { badInput } from '../errors/errors.js';
import { openSpreadsheet, SheetBudget, type SpreadsheetLimits } from '../channels/adapters/spreadsheet-limits.js';
import { cellValue } from '../channels/adapters/regional-xlsx.adapter.js';
import { decode, firstLine, guessDelimiter } from '../channels/adapters/regional-csv.adapter.js';
import type { Cell } from '../channels/adapters/regional-mapping.js';
import { QuestionType } from './rules/survey-enums.js';
import type { StoredQuestion } from './survey.entity.js';
import type { SurveyAnswerInput, SurveyResponseRowInput } from './rules/survey.input.js';

export type SurveyFileFormat = 'csv' | 'xlsx';

/** A row of the file: its number in the file (the header is 1) and its cells by header. */
export interface FileRow {
  position: number;
  cells: Map<string, Cell>;
}

/**
 * Reads a CSV or XLSX file of offline responses with the channels' readers:
 * an XLSX package is checked against ZIP bombs before it is read and its
 * sheet streamed within the row and cell budget (spreadsheet-limits.ts); a
 * CSV is decoded (UTF-8 or Windows-1251) and parsed by csv-parse with the
 * separator guessed from the header. Whole-file defects throw (field `file`).
 */
export async function readSurveyFile(input: Buffer, format: SurveyFileFormat, limits: SpreadsheetLimits): Promise<{ headers: string[]; rows: FileRow[] }> {
  const budget = new SheetBudget(limits);
  let headers: string[] | null = null;
  const rows: FileRow[] = [];
  const take = (position: number, values: Cell[]) => {
    budget.row(values.length);
    if (!headers) {
      headers = values.map((h) => (h === null ? '' : String(h).trim()));
      return;
    }
    if (values.every((v) => v === null || v === '')) return;
    rows.push({ position, cells: new Map(headers.map((h, i) => [h, values[i] ?? null])) });
  };
  if (format === 'xlsx') {
    const book = (await openSpreadsheet(input, limits)) as unknown as AsyncIterable<AsyncIterable<ExcelJS.Row>>;
    try {
      for await (const sheet of book) {
        // The first sheet is the responses; the others (notes, a legend) are not read.
        for await (const row of sheet) {
          const width = headers ? (headers as string[]).length : row.cellCount;
          take(
            row.number,
            Array.from({ length: width }, (_, i) => cellValue(row.getCell(i + 1).value)),
          );
        }
        break;
      }
    } catch (error) {
      if (error instanceof GraphQLError) throw error;
      throw badInput('file', `Файл не является книгой Excel (XLSX): ${(error as Error).message}`);
    }
  } else {
    const text = decode(input, undefined).replace(/\r\n?/g, '\n');
    const parser = parse(text, { delimiter: guessDelimiter(text), bom: true, info: true, raw: true, relax_column_count: true, skip_empty_lines: true });
    try {
      for await (const { record, info, raw } of parser as AsyncIterable<{ record: string[]; info: { lines: number }; raw: string }>) {
        take(
          firstLine(info.lines, raw),
          record.map((v) => v.trim()),
        );
      }
    } catch (error) {
      if (error instanceof GraphQLError) throw error;
      throw badInput('file', `Файл CSV не разобран: ${(error as Error).message}`);
    }
  }
  if (!headers || !(headers as string[]).some(Boolean)) throw badInput('file', 'В файле нет строки заголовка');
  return { headers, rows };
}

/** The columns besides the questions' codes. */
export const FILE_COLUMNS = { rowKey: 'rowKey', municipality: 'municipality', submittedAt: 'submittedAt' } as const;

export interface FileRowInput {
  input: SurveyResponseRowInput;
  /** A cell that cannot stand for its answer (a scale value that is not a number, an unknown municipality). */
  error: GraphQLError | null;
}

const text = (cell: Cell | undefined): string => (cell === null || cell === undefined ? '' : String(cell).trim());

/**
 * The header names the columns: `rowKey` (required: what makes a repeated
 * upload idempotent), `municipality` (its code, short name or id),
 * `submittedAt` (ISO date and time), and one column per question, headed by
 * its code. A choice is written as option codes or texts, several separated
 * by «;»; a scale as its number; an empty cell is no answer.
 */
export function fileRowInputs(
  headers: readonly string[],
  rows: readonly FileRow[],
  questions: readonly StoredQuestion[],
  municipalities: ReadonlyMap<string, string>,
): FileRowInput[] {
  if (!headers.includes(FILE_COLUMNS.rowKey))
    throw badInput('file', `Нет столбца ${FILE_COLUMNS.rowKey}: ключ строки нужен, чтобы повторная загрузка ничего не удвоила`);
  const known = new Set<string>([...Object.values(FILE_COLUMNS), ...questions.map((q) => q.code)]);
  const unknown = headers.filter((h) => h && !known.has(h));
  if (unknown.length)
    throw badInput(
      'file',
      `Столбцы не из опроса: ${unknown.slice(0, 5).join(', ')}; нужны ${FILE_COLUMNS.rowKey}, ${FILE_COLUMNS.municipality}, ${FILE_COLUMNS.submittedAt} и коды вопросов`,
    );
  return rows.map(({ cells }) => {
    const input: SurveyResponseRowInput = { rowKey: text(cells.get(FILE_COLUMNS.rowKey)), answers: [] };
    try {
      const place = text(cells.get(FILE_COLUMNS.municipality));
      if (place) {
        const id = municipalities.get(place.toLowerCase());
        if (!id) throw badInput(FILE_COLUMNS.municipality, `Муниципальное образование «${place.slice(0, 100)}» не найдено`);
        input.municipalityId = id;
      }
      const at = text(cells.get(FILE_COLUMNS.submittedAt));
      if (at) {
        const date = new Date(at);
        if (Number.isNaN(date.getTime())) throw badInput(FILE_COLUMNS.submittedAt, 'Дата ответа не распознана: нужна дата ISO 8601');
        input.submittedAt = date;
      }
      for (const question of questions) {
        const value = text(cells.get(question.code));
        if (value) input.answers.push(answerOf(question, value));
      }
      return { input, error: null };
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      return { input, error };
    }
  });
}

function answerOf(question: StoredQuestion, value: string): SurveyAnswerInput {
  if (question.type === QuestionType.SCALE) {
    const number = Number(value.replace(',', '.'));
    if (!Number.isFinite(number)) throw badInput(question.code, `Значение шкалы «${value.slice(0, 50)}» — не число`);
    return { questionCode: question.code, value: number };
  }
  if (question.type === QuestionType.TEXT) return { questionCode: question.code, text: value };
  const byName = new Map(
    question.options.flatMap((o) => [
      [o.code.toLowerCase(), o.code],
      [o.text.toLowerCase(), o.code],
    ]),
  );
  // An unknown option stays as written: the answer rules refuse it with the question's code as the field.
  const optionCodes = value
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => byName.get(part.toLowerCase()) ?? part);
  return { questionCode: question.code, optionCodes };
}
