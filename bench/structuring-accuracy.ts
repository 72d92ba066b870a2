/**
 * Accuracy of structuring on the labelled appeal texts (bench/data/labelled-appeals-*.json,
 * written independently of the plugins' keywords): sector, category and
 * municipality, a confusion summary, and how the confidence threshold splits
 * automatic from manual structuring.
 *   npm run bench:structuring            (or: npx tsx bench/structuring-accuracy.ts [threshold])
 */
import { readFileSync } from 'node:fs';
import { allPlugins } from '../plugins/index.js';
import { loadRegionPack } from '../core/region/index.js';
import { createStructurer, type StructuringResult } from '../core/structuring/structurer.js';

interface Labelled {
  text: string;
  sector: string;
  category: string;
  municipality: string | null;
}

const files = ['labelled-appeals-1.json', 'labelled-appeals-2.json'];
const data: Labelled[] = files.flatMap((file) => JSON.parse(readFileSync(new URL(`./data/${file}`, import.meta.url), 'utf8')) as Labelled[]);
const threshold = Number(process.argv[2] ?? process.env.STRUCTURING_MIN_CONFIDENCE ?? 0.5);

const structurer = createStructurer(allPlugins, loadRegionPack().municipalities);
const results: [Labelled, StructuringResult][] = data.map((item) => [item, structurer.structure(item.text)]);
// Timed on a second pass, once the index, the stem cache and the JIT are warm.
const started = performance.now();
for (const item of data) structurer.structure(item.text);
const elapsedMs = performance.now() - started;

const pct = (part: number, whole: number) => (whole ? `${((100 * part) / whole).toFixed(1)}%` : '—');
const count = (predicate: (pair: [Labelled, StructuringResult]) => boolean, of = results) => of.filter(predicate).length;

const sectorOk = ([item, result]: [Labelled, StructuringResult]) => result.sectorCode === item.sector;
const categoryOk = ([item, result]: [Labelled, StructuringResult]) => result.categoryCode === item.category;
const placeOk = ([item, result]: [Labelled, StructuringResult]) => result.municipalityCode === item.municipality;

console.log(`Structuring accuracy on ${data.length} labelled appeals (${files.join(', ')})`);
console.log(`  sector:        ${pct(count(sectorOk), data.length)} (${count(sectorOk)}/${data.length})`);
console.log(`  category:      ${pct(count(categoryOk), data.length)} (${count(categoryOk)}/${data.length})`);
console.log(`  category given the right sector: ${pct(count(categoryOk), count(sectorOk))}`);
console.log(`  municipality:  ${pct(count(placeOk), data.length)} (${count(placeOk)}/${data.length}; ` +
  `${count(([i]) => i.municipality === null)} texts name none, null expected)`);

const confident = results.filter(([, result]) => result.confidence >= threshold);
console.log(`\nConfidence threshold ${threshold}:`);
console.log(`  structured automatically: ${pct(confident.length, data.length)} (${confident.length}); ` +
  `sector right among them: ${pct(count(sectorOk, confident), confident.length)}, category right: ${pct(count(categoryOk, confident), confident.length)}`);
const manual = results.filter(([, result]) => result.confidence < threshold);
console.log(`  left for a ЦУР specialist: ${pct(manual.length, data.length)} (${manual.length}); ` +
  `the classifier's guess was right for ${pct(count(sectorOk, manual), manual.length)} of them`);

console.log('\n  threshold  automatic  sector right  category right (among the automatic)');
for (const t of [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]) {
  const auto = results.filter(([, result]) => result.confidence >= t);
  console.log(`  ${t.toFixed(1).padStart(9)}  ${pct(auto.length, data.length).padStart(9)}  ${pct(count(sectorOk, auto), auto.length).padStart(12)}  ${pct(count(categoryOk, auto), auto.length).padStart(14)}`);
}

console.log('\nPer sector (recall; precision):');
for (const plugin of allPlugins) {
  const labelled = results.filter(([item]) => item.sector === plugin.code);
  const predicted = results.filter(([, result]) => result.sectorCode === plugin.code);
  console.log(`  ${plugin.code.padEnd(10)} ${pct(count(sectorOk, labelled), labelled.length).padStart(6)}; ${pct(count(sectorOk, predicted), predicted.length).padStart(6)}` +
    `   category ${pct(count(categoryOk, labelled), labelled.length).padStart(6)}`);
}

const confusion = new Map<string, number>();
for (const [item, result] of results) {
  if (sectorOk([item, result])) continue;
  const key = `${item.sector} → ${result.sectorCode ?? 'none'}`;
  confusion.set(key, (confusion.get(key) ?? 0) + 1);
}
console.log('\nSector confusions (labelled → predicted):');
for (const [key, n] of [...confusion].sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(3)}  ${key}`);

const placeMisses = new Map<string, number>();
for (const [item, result] of results) {
  if (placeOk([item, result])) continue;
  const key = `${item.municipality ?? 'none'} → ${result.municipalityCode ?? 'none'}`;
  placeMisses.set(key, (placeMisses.get(key) ?? 0) + 1);
}
console.log('\nMunicipality misses (labelled → found):');
for (const [key, n] of [...placeMisses].sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(3)}  ${key}`);

if (process.argv.includes('--errors')) {
  console.log('\nSector errors:');
  for (const [item, result] of results.filter((pair) => !sectorOk(pair))) {
    console.log(`  [${item.category} → ${result.categoryCode}] ${result.confidence} ${item.text}\n      ${result.rule}`);
  }
}
console.log(`\n${data.length} texts in ${elapsedMs.toFixed(0)} ms (${(elapsedMs / data.length).toFixed(2)} ms per text, warm)`);
