/**
 * Builds bench/data/structuring-corpus.jsonl from the hand-written sources in this folder
 * (one `category|style|place|text` line per text, a file per sector plus two mixed top-ups).
 *   npx tsx bench/data/corpus/build-corpus.ts
 *
 * - Formal letters are written as bodies; a seeded choice of salutation and closing (the
 *   formulas such letters really use) is added here, so that the formulas vary without
 *   being typed 240 times.
 * - `fresh-places.txt` is a third held-out set (split `fresh-places`): texts naming places across
 *   all municipalities, written before the gazetteer was extended from OKTMO, never tuned on.
 * - `fresh-*.txt` files are a second held-out set (split `fresh`), written after the first
 *   held-out split had been looked at, before the fixes it prompted; they take no part in the
 *   hash split below, so adding them moves no text of the other splits. Likewise
 *   `train-*.txt` files go to the train split whole, outside the hash split.
 * - The held-out split is fixed by the text itself: within each category the texts are
 *   ordered by a hash of their text and every fifth (positions 2, 7, 12, …) is held out.
 *   Adding texts elsewhere never moves a text between the splits of other categories.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { allPlugins } from '../../../plugins/index.js';

const STYLES = { s: 'social', f: 'pos', l: 'letter', p: 'phone' } as const;

const SALUTATIONS = [
  'Уважаемый глава администрации!', 'Уважаемые сотрудники Центра управления регионом!', 'Здравствуйте!',
  'Уважаемый Глава Республики Марий Эл!', 'Уважаемый министр!', 'Добрый день.', 'Уважаемые коллеги!', '',
];
const CLOSINGS = [
  'Прошу дать письменный ответ в установленный законом срок.', 'Ответ прошу направить на адрес электронной почты.',
  'С уважением, жители дома.', 'Заранее благодарю за содействие.',
  'Прошу рассмотреть обращение в порядке, установленном Федеральным законом от 02.05.2006 № 59-ФЗ.',
  'Приложение: фотографии, копии ранее направленных заявлений.', 'О принятых мерах прошу сообщить.', '',
];

interface Row { text: string; style: string; sector: string; category: string; municipality: string | null; split: 'train' | 'heldout' | 'fresh' | 'fresh-places' }

const here = new URL('./', import.meta.url);
const known = new Map(allPlugins.flatMap((plugin) => plugin.categories.map((category) => [category.code, plugin.code] as const)));
const hash = (text: string) => createHash('sha256').update(text).digest();
const pick = <T>(list: readonly T[], text: string, salt: string): T => list[hash(salt + text).readUInt32BE(0) % list.length]!;

const rows: (Omit<Row, 'split'> & { fixed?: Row['split'] })[] = [];
const seen = new Set<string>();
for (const file of readdirSync(here).filter((name) => name.endsWith('.txt')).sort()) {
  readFileSync(new URL(file, here), 'utf8').split('\n').forEach((line, index) => {
    if (!line.trim() || line.startsWith('#')) return;
    const [category, style, place, ...rest] = line.split('|');
    let text = rest.join('|').trim();
    const where = `${file}:${index + 1}`;
    const sector = known.get(category!);
    if (!sector) throw new Error(`${where}: unknown category ${category}`);
    if (!(style! in STYLES)) throw new Error(`${where}: unknown style ${style}`);
    if (!text) throw new Error(`${where}: empty text`);
    if (seen.has(text)) throw new Error(`${where}: duplicate text`);
    seen.add(text);
    if (style === 'l') text = [pick(SALUTATIONS, text, 'open'), text, pick(CLOSINGS, text, 'close')].filter(Boolean).join('\n');
    const fixed = file.startsWith('fresh-places') ? 'fresh-places' as const : file.startsWith('fresh-') ? 'fresh' as const : file.startsWith('train-') ? 'train' as const : undefined;
    rows.push({ ...(fixed ? { fixed } : {}), text, style: STYLES[style as keyof typeof STYLES], sector, category: category!, municipality: place === '-' ? null : place!.trim() });
  });
}

const missing = [...known.keys()].filter((code) => !rows.some((row) => !row.fixed?.startsWith('fresh') && row.category === code));
if (missing.length) throw new Error(`categories without texts: ${missing.join(', ')}`);

const heldout = new Set<string>();
for (const code of known.keys()) {
  const ordered = rows.filter((row) => !row.fixed && row.category === code).sort((a, b) => Buffer.compare(hash(a.text), hash(b.text)));
  ordered.forEach((row, position) => { if (position % 5 === 2) heldout.add(row.text); });
}
const out: Row[] = rows.map(({ fixed, ...row }) => ({ ...row, split: fixed ?? (heldout.has(row.text) ? 'heldout' : 'train') }));
writeFileSync(new URL('../structuring-corpus.jsonl', here), out.map((row) => JSON.stringify(row)).join('\n') + '\n');
const count = (predicate: (row: Row) => boolean) => out.filter(predicate).length;
console.log(`${out.length} texts (${count((r) => r.split === 'heldout')} held out, ${count((r) => r.split === 'fresh')} fresh held out, ${count((r) => r.split === 'fresh-places')} fresh places) in ${known.size} categories; ` +
  Object.values(STYLES).map((style) => `${style} ${((100 * count((r) => r.style === style)) / out.length).toFixed(0)}%`).join(', '));
