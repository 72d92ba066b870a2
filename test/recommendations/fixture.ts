import { randomUUID } from 'node:crypto';
import type { TestApp } from '../support/test-app.js';

const HOUR = 3_600_000;
let counter = 0;

export interface FxInput {
  org: string;
  category: string;
  municipality?: string;
  receivedAt: string;
  /** Hours from receipt to the answer; null: not answered. */
  answerHours?: number | null;
  /** Hours from receipt to the due date. */
  dueHours?: number;
  answerText?: string | null;
  score?: number | null;
  isRepeat?: boolean;
  address?: string | null;
  authorName?: string | null;
}

/**
 * Appeals with chosen times, inserted by SQL into the test's own database
 * (known answers for the recommendation and best-practice rules), with the
 * audit-trail answer text analytics reads (`ANSWERED` with `data.text`).
 */
export async function insertAppeals(t: TestApp, items: FxInput[]): Promise<string[]> {
  const conn = t.em().getConnection();
  const ids: string[] = [];
  for (const item of items) {
    const [ref] = await conn.execute(
      `select (select id from organization where code = ?) as org, (select id from category where code = ?) as category,
        (select sector_id from category where code = ?) as sector, (select id from municipality where code = ?) as municipality`,
      [item.org, item.category, item.category, item.municipality ?? 'yoshkar-ola'],
    );
    if (!ref.org || !ref.category || !ref.municipality) throw new Error(`fixture: unknown reference in ${JSON.stringify(item)}`);
    const id = randomUUID();
    const received = new Date(item.receivedAt);
    const answered = item.answerHours == null ? null : new Date(received.getTime() + item.answerHours * HOUR);
    const number = `FX-${Date.now().toString(36)}-${++counter}`;
    await conn.execute(
      `insert into appeal (id, number, channel, external_id, status, text, address, author_name, municipality_id, sector_id, category_id, organization_id,
         fz59, received_at, registered_at, due_at, deadline_starts_at, answered_at, paused_ms, satisfaction_score, rated_at, is_repeat, created_at, updated_at)
       values (?, ?, 'POS', ?, ?, 'Обращение', ?, ?, ?, ?, ?, ?, false, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?)`,
      [
        id,
        number,
        number,
        answered ? 'CLOSED' : 'IN_PROGRESS',
        item.address ?? null,
        item.authorName ?? null,
        ref.municipality,
        ref.sector,
        ref.category,
        ref.org,
        received,
        received,
        new Date(received.getTime() + (item.dueHours ?? 240) * HOUR),
        received,
        answered,
        item.score ?? null,
        item.score ? answered : null,
        item.isRepeat ?? false,
        received,
        answered ?? received,
      ],
    );
    if (answered && item.answerText) {
      await conn.execute(
        `insert into appeal_event (id, appeal_id, type, at, actor_label, to_status, data) values (?, ?, 'ANSWERED', ?, 'test', 'ANSWERED', ?)`,
        [randomUUID(), id, answered, JSON.stringify({ text: item.answerText })],
      );
    }
    ids.push(id);
  }
  return ids;
}
