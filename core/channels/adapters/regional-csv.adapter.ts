import { parse } from 'csv-parse';
import { badInput } from '../../errors/errors.js';
import type { ParsedItem } from './channel-adapter.js';
import { resolveColumns, rowOf, type RegionalOptions, type RegionalRow } from './regional-mapping.js';
import { regionalAdapter } from './regional-adapter.js';

/** UTF-8 when the bytes are valid UTF-8, else Windows-1251 (what older Russian systems and Excel export). */
export function decode(input: Buffer, encoding: RegionalOptions['encoding']): string {
  if (encoding === 'windows-1251') return new TextDecoder('windows-1251').decode(input);
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(input);
  } catch (error) {
    if (encoding === 'utf-8') throw badInput('encoding', 'Файл не в кодировке UTF-8');
    return new TextDecoder('windows-1251').decode(input);
  }
}

/** The separator used most in the header line: Russian Excel writes `;`, other tools `,` or tab. */
export function guessDelimiter(text: string): string {
  const header = text.slice(0, text.search(/\r?\n|$/));
  const counts = [';', ',', '\t', '|'].map((d) => [d, header.split(d).length - 1] as const);
  return counts.reduce((best, next) => (next[1] > best[1] ? next : best))[0];
}

/** The line a record starts on: csv-parse counts the line it ends on. */
export function firstLine(lines: number, raw: string): number {
  const body = raw.replace(/^(\r?\n)+/, '').replace(/\r?\n$/, '');
  return lines - (body.match(/\n/g)?.length ?? 0);
}

/**
 * Reads a CSV export of a regional or municipal system with `csv-parse` (a
 * maintained parser: quoting, embedded line breaks, BOM). The first line is
 * the header; position = the line a record starts on.
 */
async function* parseCsv(input: Buffer, options: RegionalOptions): AsyncIterable<ParsedItem<RegionalRow>> {
  // One kind of line break (Windows exports use CRLF): line numbers stay right, and text keeps plain \n.
  const text = decode(input, options.encoding).replace(/\r\n?/g, '\n');
  const parser = parse(text, {
    delimiter: options.delimiter ?? guessDelimiter(text),
    bom: true,
    info: true,
    raw: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
  });
  const skipped: ParsedItem<RegionalRow>[] = [];
  parser.on('skip', (error: Error & { lines?: number }) => {
    skipped.push({ position: error.lines ?? 0, raw: null, error: { field: '(строка)', message: `Строка CSV не разобрана: ${error.message}` } });
  });
  let headers: string[] | null = null;
  let columns: ReturnType<typeof resolveColumns> | null = null;
  for await (const { record, info, raw } of parser as AsyncIterable<{ record: string[]; info: { lines: number }; raw: string }>) {
    yield* skipped.splice(0);
    if (!headers) {
      headers = record.map((h) => h.trim());
      columns = resolveColumns(headers, options);
      continue;
    }
    const position = firstLine(info.lines, raw);
    if (record.length !== headers.length) {
      yield {
        position,
        raw: Object.fromEntries(record.map((value, i) => [headers![i] ?? `#${i + 1}`, value])),
        error: { field: '(строка)', message: `В строке ${record.length} полей, в заголовке ${headers.length}` },
      };
      continue;
    }
    yield { position, record: rowOf(record, headers, columns!) };
  }
  yield* skipped.splice(0);
  if (!headers) throw badInput('file', 'Файл пуст: нет строки заголовка');
}

export const regionalCsvAdapter = regionalAdapter('regional-csv', 'Региональная или муниципальная система: выгрузка CSV', parseCsv);
