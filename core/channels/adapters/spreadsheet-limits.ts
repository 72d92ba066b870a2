import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { createInflateRaw } from 'node:zlib';
import { badInput } from '../../errors/errors.js';

/**
 * Bounds on one uploaded spreadsheet. An XLSX is a ZIP: 1.5 MB that unpacks
 * to 339 MB of sheet XML once took the server down (out of heap). The
 * package is checked before anything is read (sizes and compression ratio
 * from the central directory, then the real unpacked size counted while
 * inflating, so forged headers do not help), and the sheet is read as a
 * stream with limits on rows and cells. Settings: XLSX_MAX_* (docs/configuration.md).
 */
export interface SpreadsheetLimits {
  /** Sum of the unpacked sizes of the package's parts, bytes. */
  maxUnpackedBytes: number;
  /** Unpacked ÷ packed size of one part larger than RATIO_FLOOR_BYTES. */
  maxCompressionRatio: number;
  /** Rows of the sheet, the header included. */
  maxRows: number;
  /** Cells of the sheet (those written in the file, empty ones included). */
  maxCells: number;
}

export const DEFAULT_SPREADSHEET_LIMITS: SpreadsheetLimits = {
  maxUnpackedBytes: 200 * 1024 * 1024,
  maxCompressionRatio: 100,
  maxRows: 100_000,
  maxCells: 2_000_000,
};

/** The limits as configured (XLSX_MAX_UNPACKED_MB, XLSX_MAX_COMPRESSION_RATIO, XLSX_MAX_ROWS, XLSX_MAX_CELLS). */
export function spreadsheetLimits(config: {
  XLSX_MAX_UNPACKED_MB: number;
  XLSX_MAX_COMPRESSION_RATIO: number;
  XLSX_MAX_ROWS: number;
  XLSX_MAX_CELLS: number;
}): SpreadsheetLimits {
  return {
    maxUnpackedBytes: config.XLSX_MAX_UNPACKED_MB * 1024 * 1024,
    maxCompressionRatio: config.XLSX_MAX_COMPRESSION_RATIO,
    maxRows: config.XLSX_MAX_ROWS,
    maxCells: config.XLSX_MAX_CELLS,
  };
}

/** Small parts (styles, the workbook) compress far better than sheets and hold nothing dangerous. */
const RATIO_FLOOR_BYTES = 1024 * 1024;
/** An XLSX has a dozen parts; a package of thousands is not an export. */
const MAX_ENTRIES = 10_000;

const STORED = 0;
const DEFLATED = 8;

export interface ZipEntry {
  name: string;
  method: number;
  packedSize: number;
  unpackedSize: number;
  localHeaderOffset: number;
}

const refuse = (message: string) => badInput('file', message);
const mb = (bytes: number) => `${Math.ceil(bytes / 1024 / 1024)} МБ`;

/**
 * The entries of a ZIP's central directory (APPNOTE.TXT 4.3.12, 4.3.16).
 * ZIP64 is refused: an export under the upload limit never needs it.
 */
export function zipEntries(zip: Buffer): ZipEntry[] {
  const notZip = () => refuse('Файл не является книгой Excel (XLSX): не найден каталог ZIP');
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw notZip();
  const count = zip.readUInt16LE(end + 10);
  const offset = zip.readUInt32LE(end + 16);
  if (count === 0xffff || offset === 0xffffffff) throw refuse('Файл XLSX в формате ZIP64 не принимается: разбейте выгрузку на части');
  if (count > MAX_ENTRIES) throw refuse(`В пакете XLSX больше ${MAX_ENTRIES} частей`);
  const entries: ZipEntry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50) throw notZip();
    const nameLength = zip.readUInt16LE(at + 28);
    entries.push({
      method: zip.readUInt16LE(at + 10),
      packedSize: zip.readUInt32LE(at + 20),
      unpackedSize: zip.readUInt32LE(at + 24),
      localHeaderOffset: zip.readUInt32LE(at + 42),
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
    });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

/** Inflates one entry only to count its bytes (nothing is kept); stops past `declared`. */
async function unpackedSizeAtMost(zip: Buffer, entry: ZipEntry, declared: number): Promise<number> {
  const at = entry.localHeaderOffset;
  if (at + 30 > zip.length || zip.readUInt32LE(at) !== 0x04034b50) throw refuse(`Повреждённый пакет XLSX: часть «${entry.name}»`);
  const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
  const packed = zip.subarray(start, start + entry.packedSize);
  if (entry.method === STORED) return packed.length;
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw();
    let size = 0;
    inflate.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > declared) {
        inflate.destroy();
        resolve(size);
      }
    });
    inflate.on('end', () => resolve(size));
    inflate.on('error', () => reject(refuse(`Повреждённый пакет XLSX: часть «${entry.name}» не распаковывается`)));
    inflate.end(packed);
  });
}

/**
 * Checks an XLSX package before it is read: the parts' sizes and ratios as
 * the central directory states them, then each part's real unpacked size
 * (a part that unpacks to more than its header states is refused). Memory:
 * one inflate window; time: one inflate of at most maxUnpackedBytes.
 */
export async function checkSpreadsheetPackage(zip: Buffer, limits: SpreadsheetLimits): Promise<void> {
  const entries = zipEntries(zip);
  let total = 0;
  for (const entry of entries) {
    if (entry.method !== STORED && entry.method !== DEFLATED) throw refuse(`Часть «${entry.name}» сжата неизвестным способом (${entry.method})`);
    total += entry.unpackedSize;
    if (total > limits.maxUnpackedBytes) {
      throw refuse(`Файл XLSX распаковывается больше чем в ${mb(limits.maxUnpackedBytes)} (XLSX_MAX_UNPACKED_MB): разбейте выгрузку на части`);
    }
    const ratio = entry.unpackedSize / Math.max(1, entry.packedSize);
    if (entry.unpackedSize > RATIO_FLOOR_BYTES && ratio > limits.maxCompressionRatio) {
      throw refuse(
        `Часть «${entry.name}» распаковывается в ${Math.round(ratio)} раз больше своего размера (допускается ${limits.maxCompressionRatio}, XLSX_MAX_COMPRESSION_RATIO): файл похож на ZIP-бомбу`,
      );
    }
  }
  for (const entry of entries) {
    const real = await unpackedSizeAtMost(zip, entry, entry.unpackedSize);
    if (real > entry.unpackedSize) throw refuse(`Часть «${entry.name}» распаковывается больше, чем указано в её заголовке: файл повреждён или подделан`);
  }
}

/** A checked package (checkSpreadsheetPackage) opened as a streaming reader of its sheets. */
export async function openSpreadsheet(input: Buffer, limits: SpreadsheetLimits): Promise<ExcelJS.stream.xlsx.WorkbookReader> {
  await checkSpreadsheetPackage(input, limits);
  return new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([input]), {
    // Styles tell a date from a number; shared strings are kept (bounded by the unpacked size).
    styles: 'cache',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
}

/** Counts rows and cells of a streamed sheet; throws BAD_USER_INPUT (field `file`) past a limit. */
export class SheetBudget {
  private rows = 0;
  private cells = 0;

  constructor(private readonly limits: SpreadsheetLimits) {}

  row(cellCount: number): void {
    if (++this.rows > this.limits.maxRows) throw refuse(`На листе больше ${this.limits.maxRows} строк (XLSX_MAX_ROWS): разбейте выгрузку на части`);
    this.cells += cellCount;
    if (this.cells > this.limits.maxCells) throw refuse(`На листе больше ${this.limits.maxCells} ячеек (XLSX_MAX_CELLS): разбейте выгрузку на части`);
  }
}
