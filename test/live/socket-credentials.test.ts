import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { Role } from '../../core/entities/enums.js';
import { authenticateSocket, recheckSocket } from '../../core/auth/socket-credentials.js';
import type { ManualClock } from '../../core/clock/clock.js';

/**
 * What a socket keeps of its caller (core/auth/socket-credentials.ts): the
 * token's account, version and expiry instead of its text, and account parts
 * (role, body id, sector list) shared by value between accounts
 * (core/auth/account-parts.ts). Sharing must never carry one account's
 * values to another: each account's re-check reads its own row.
 */
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.stop();
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}`, apiKey: null });

describe('socket credentials', () => {
  it('shares equal sector lists between accounts, frozen, and each account keeps its own when one changes', async () => {
    const app = t.running.app;
    const first = await t.user(Role.MINISTRY_OBSERVER, { organizationCode: 'gzhi', sectors: ['housing'] });
    const second = await t.user(Role.MINISTRY_OBSERVER, { organizationCode: 'gku-roads', sectors: ['housing'] });
    const a = (await authenticateSocket(app, bearer(first.token)))!;
    const b = (await authenticateSocket(app, bearer(second.token)))!;
    expect(a.user.sectors).toEqual(['housing']);
    // One list for both (memory per subscriber), which nobody can change in place.
    expect(b.user.sectors).toBe(a.user.sectors);
    expect(Object.isFrozen(a.user.sectors)).toBe(true);
    expect(() => a.user.sectors.push('waste')).toThrow(TypeError);
    expect(a.user.organizationId).not.toBe(b.user.organizationId);

    // The second account moves to another sector and body: only its own re-check sees it.
    await t.asOwner(`update app_user set sectors = '{waste}', organization_id = (select organization_id from app_user where id = $2) where id = $1`, [
      second.id,
      first.id,
    ]);
    const bNow = await recheckSocket(app, b.held);
    const aNow = await recheckSocket(app, a.held);
    expect(bNow).toMatchObject({ id: second.id, sectors: ['waste'], organizationId: a.user.organizationId });
    expect(aNow).toMatchObject({ id: first.id, sectors: ['housing'], organizationId: a.user.organizationId });
    expect(a.user.sectors).toEqual(['housing']);
    expect(aNow.role).toBe(Role.MINISTRY_OBSERVER);
  });

  it('keeps no token text for a token, and re-checks its expiry and its account without it', async () => {
    const app = t.running.app;
    const clock = t.clock as ManualClock;
    const user = await t.user(Role.CENTER_SPECIALIST);
    const caller = (await authenticateSocket(app, bearer(user.token)))!;
    expect(caller.user.id).toBe(user.id);
    expect(JSON.stringify(caller.held)).not.toContain(user.token.split('.')[2]);
    expect((await recheckSocket(app, caller.held)).id).toBe(user.id);

    // Outdated by a role change (token_version bumped): refused although the token's signature still holds.
    await t.asOwner('update app_user set token_version = token_version + 1 where id = $1', [user.id]);
    await expect(recheckSocket(app, caller.held)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    await t.asOwner('update app_user set token_version = token_version - 1 where id = $1', [user.id]);
    expect((await recheckSocket(app, caller.held)).id).toBe(user.id);

    // Expired: the kept expiry, against the one clock.
    clock.advance((app.config.JWT_TTL_SECONDS + 1) * 1000);
    await expect(recheckSocket(app, caller.held)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });
});
