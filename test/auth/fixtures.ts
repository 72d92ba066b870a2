import { randomBytes } from 'node:crypto';
import type { TestApp } from '../support/test-app.js';
import { idWhere, insertInto, queryOne, sql } from '../../core/db/sql.js';

export interface AppealFixture {
  organizationCode?: string | null;
  sectorCode?: string | null;
  author?: { name?: string; email?: string; phone?: string; address?: string } | null;
  repeatOfId?: string | null;
}

/** Inserts one registered appeal with the given body, sector and author; returns its id. */
export async function insertAppeal(t: TestApp, fixture: AppealFixture = {}): Promise<string> {
  const em = t.em();
  const tag = randomBytes(5).toString('hex');
  const row = (await queryOne<{ id: string }>(
    em,
    sql`${insertInto('appeal', [
      {
        id: sql`gen_random_uuid()`,
        number: `12-2026-T${tag}`,
        channel: 'EMAIL',
        external_id: `fixture-${tag}`,
        status: 'REGISTERED',
        text: `Обращение ${tag}`,
        received_at: t.clock.now(),
        registered_at: t.clock.now(),
        organization_id: fixture.organizationCode ? idWhere('organization', 'code', fixture.organizationCode) : null,
        sector_id: fixture.sectorCode ? idWhere('sector', 'code', fixture.sectorCode) : null,
        author_name: fixture.author?.name ?? null,
        author_email: fixture.author?.email ?? null,
        author_phone: fixture.author?.phone ?? null,
        author_address: fixture.author?.address ?? null,
        repeat_of_id: fixture.repeatOfId ?? null,
        is_repeat: Boolean(fixture.repeatOfId),
      },
    ])} returning id`,
  ))!;
  return row.id as string;
}

export async function organizationId(t: TestApp, code: string): Promise<string> {
  const row = await queryOne<{ id: string }>(t.em(), sql`select id from organization where code = ${code}`);
  return row!.id;
}

/** A compact JWS from raw parts, for tokens no honest library would sign. */
export function rawToken(header: object, payload: object, signature = ''): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part(header)}.${part(payload)}.${signature}`;
}

export const errorCode = (result: { errors?: { extensions?: { code?: string } }[] }) => result.errors?.[0]?.extensions?.code;
