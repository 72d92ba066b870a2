import { once } from 'node:events';
import { createDeflateRaw, crc32 } from 'node:zlib';

export interface ZipPart {
  name: string;
  /** The content, or chunks of it streamed (a part of hundreds of megabytes never sits in memory). */
  content: string | Buffer | AsyncIterable<string | Buffer>;
}

export interface ZipOptions {
  /** The uncompressed size to write into the headers instead of the true one (a forged archive). */
  declaredSize?: (name: string, actual: number) => number;
}

async function* chunksOf(content: ZipPart['content']): AsyncIterable<Buffer> {
  if (typeof content === 'string' || Buffer.isBuffer(content)) yield Buffer.from(content);
  else for await (const chunk of content) yield typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
}

/** Deflates one part as a stream: only the compressed bytes are kept. */
async function deflatePart(content: ZipPart['content']): Promise<{ data: Buffer; crc: number; size: number }> {
  const deflate = createDeflateRaw({ level: 6 });
  const out: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => out.push(chunk));
  const ended = once(deflate, 'end');
  let crc = 0;
  let size = 0;
  for await (const chunk of chunksOf(content)) {
    crc = crc32(chunk, crc);
    size += chunk.length;
    if (!deflate.write(chunk)) await once(deflate, 'drain');
  }
  deflate.end();
  await ended;
  return { data: Buffer.concat(out), crc, size };
}

/**
 * A ZIP archive (deflate, no ZIP64), enough for an XLSX package: tests build
 * spreadsheets by hand with it, bombs and forged headers included, without
 * holding the uncompressed content.
 */
export async function buildZip(parts: readonly ZipPart[], options: ZipOptions = {}): Promise<Buffer> {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const { data, crc, size } = await deflatePart(part.content);
    const declared = options.declaredSize?.(part.name, size) ?? size;
    const name = Buffer.from(part.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, data);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(crc >>> 0, 16);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(declared, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The parts of a one-sheet XLSX package around a sheet's XML (inline strings: no shared strings part). */
export function xlsxParts(sheetXml: ZipPart['content']): ZipPart[] {
  return [
    {
      name: '[Content_Types].xml',
      content: `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
    },
    {
      name: '_rels/.rels',
      content: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    {
      name: 'xl/workbook.xml',
      content: `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="Лист1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      content: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    },
    { name: 'xl/worksheets/sheet1.xml', content: sheetXml },
  ];
}

/**
 * A sheet's XML of about `megabytes` MB: a header row, then the same row of
 * inline-string cells over and over (it deflates ~1000:1). Streamed in 1 MB
 * chunks, so building a 300 MB bomb holds 1 MB.
 */
export async function* repeatedCellsSheet(megabytes: number): AsyncIterable<string | Buffer> {
  yield `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Номер</t></is></c><c r="B1" t="inlineStr"><is><t>Текст</t></is></c><c r="C1" t="inlineStr"><is><t>Дата</t></is></c></row>`;
  const row = `<row><c t="inlineStr"><is><t>1</t></is></c><c t="inlineStr"><is><t>Яма</t></is></c><c t="inlineStr"><is><t>2026-11-19T10:00:00</t></is></c></row>`;
  const chunk = Buffer.from(row.repeat(Math.ceil((1024 * 1024) / row.length)));
  for (let i = 0; i < megabytes; i++) yield chunk;
  yield '</sheetData></worksheet>';
}

/** A small sheet: a header (Номер, Текст, Дата) and `rows` numbered rows. */
export function numberedRowsSheet(rows: number): string {
  const cell = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
  const body = Array.from(
    { length: rows + 1 },
    (_, i) =>
      `<row r="${i + 1}">${cell(`A${i + 1}`, i ? String(i) : 'Номер')}${cell(`B${i + 1}`, i ? `Яма №${i}` : 'Текст')}${cell(`C${i + 1}`, i ? '2026-11-19T10:00:00' : 'Дата')}</row>`,
  ).join('');
  return `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}"><sheetData>${body}</sheetData></worksheet>`;
}
