import pg from 'pg';
import type { LabelledText } from './corpus.js';

/**
 * The ЦУР specialists' choices (table structuring_feedback, written when an appeal is
 * structured by hand) as training texts. Needs DATABASE_URL.
 */
export async function readFeedback(url = process.env.DATABASE_URL): Promise<LabelledText[]> {
  if (!url) throw new Error('--feedback needs DATABASE_URL');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ text: string; sector: string; category: string }>(
      'select text, chosen_sector as sector, chosen_category as category from structuring_feedback order by at, id',
    );
    return rows.map((row) => ({ ...row, style: 'feedback', municipality: null, split: 'train' }));
  } finally {
    await client.end();
  }
}
