/**
 * CPU per text of the appeal structurer, as `importAppeals` calls it: the full path (model and
 * keywords, no hint) and the categoryKnown path (the channel gave the category: place and summary
 * only, the sector as a hint), over the 280 older labelled texts (bench/data/labelled-appeals-*.json).
 * Each pass structures every text `BENCH_REPEAT` times (10); the figure is the median of `BENCH_RUNS`
 * passes (7) after a warm-up, in CPU time of this process (so a loaded machine's waits do not count),
 * with the time V8 spent in GC during the timed passes.
 *   npm run bench:structuring-speed
 */
import { existsSync, readFileSync } from 'node:fs';
import { PerformanceObserver } from 'node:perf_hooks';
import { allPlugins } from '../plugins/index.js';
import { loadRegionPack } from '../core/region/index.js';
import { createStructurer, type StructuringHints } from '../core/structuring/structurer.js';
import { readPlaces } from '../core/structuring/places.schema.js';

interface Labelled {
  text: string;
  sector: string;
}

const repeat = Number(process.env.BENCH_REPEAT ?? 10);
const runs = Number(process.env.BENCH_RUNS ?? 7);
const rows: Labelled[] = ['labelled-appeals-1.json', 'labelled-appeals-2.json'].flatMap(
  (file) => JSON.parse(readFileSync(new URL(`./data/${file}`, import.meta.url), 'utf8')) as Labelled[],
);
const places = readPlaces(new URL('../regions/mari-el/places.json', import.meta.url));
const structurer = createStructurer(allPlugins, loadRegionPack().municipalities, { places });

let gcMs = 0;
let gcCount = 0;
const observer = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    gcMs += entry.duration;
    gcCount++;
  }
});

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function measure(name: string, hints: (row: Labelled) => StructuringHints | undefined): Promise<void> {
  const pass = () => {
    for (let r = 0; r < repeat; r++) for (const row of rows) structurer.structure(row.text, hints(row));
  };
  pass();
  pass();
  const perText: number[] = [];
  gcMs = 0;
  gcCount = 0;
  observer.observe({ entryTypes: ['gc'] });
  for (let run = 0; run < runs; run++) {
    const started = cpuMs();
    pass();
    perText.push(((cpuMs() - started) * 1000) / (repeat * rows.length));
  }
  // The observer hears of collections asynchronously.
  await new Promise((resolve) => setTimeout(resolve, 50));
  observer.disconnect();
  const texts = runs * repeat * rows.length;
  console.log(
    `  ${name.padEnd(14)} ${median(perText).toFixed(1).padStart(7)} µs per text (median of ${runs}; min ${Math.min(...perText).toFixed(1)}, max ${Math.max(...perText).toFixed(1)})` +
      `  GC ${((gcMs * 1000) / texts).toFixed(1)} µs per text (${gcCount} collections)`,
  );
}

const loadavg = () => (existsSync('/proc/loadavg') ? readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ') : 'unknown');
console.log(`Structuring CPU per text, ${rows.length} labelled texts × ${repeat} a pass; load average ${loadavg()}`);
await measure('full', () => undefined);
await measure('categoryKnown', (row) => ({ sectorCode: row.sector, categoryKnown: true }));
console.log(`  load average after: ${loadavg()}`);
