import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** One labelled text of bench/data/structuring-corpus.jsonl. */
export const labelledTextSchema = z.object({
  text: z.string().min(1),
  style: z.enum(['social', 'pos', 'letter', 'phone', 'feedback']),
  sector: z.string(),
  category: z.string(),
  municipality: z.string().nullable(),
  /** `fresh`, `fresh-places`: further held-out sets (bench/data/corpus/fresh-*.txt), never trained or tuned on. */
  split: z.enum(['train', 'heldout', 'fresh', 'fresh-places']),
});
export type LabelledText = z.infer<typeof labelledTextSchema>;

export const CORPUS_FILE = new URL('../../../bench/data/structuring-corpus.jsonl', import.meta.url);

export function readCorpus(file: URL = CORPUS_FILE): LabelledText[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line, index) => {
      try {
        return labelledTextSchema.parse(JSON.parse(line));
      } catch (error) {
        throw new Error(`${file.pathname}:${index + 1}: ${(error as Error).message}`, { cause: error });
      }
    });
}
