import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import jwt from 'jsonwebtoken';
import { loadConfig } from '../../core/config/config.js';
import { TokenService } from '../../core/auth/token.service.js';
import { Role } from '../../core/entities/enums.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The development secret main shipped with (core/config before issue 14): anyone who read the source knew it. */
const OLD_DEV_SECRET = 'dev-only-secret-change-me-in-production';
const tempDir = () => mkdtempSync(join(tmpdir(), 'cur-secret-'));
const tokens = (config: ReturnType<typeof loadConfig>) =>
  new TokenService({ keys: config.jwtKeys, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE, ttlSeconds: 3600 });

describe('the JWT secret of an unconfigured deployment', () => {
  it('is generated once in DATA_DIR (mode 0600) and reused on restart; another folder gets another one', () => {
    const dir = tempDir();
    const first = loadConfig({ DATA_DIR: dir });
    const file = join(dir, 'jwt-secret');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').length).toBeGreaterThanOrEqual(64);
    const again = loadConfig({ DATA_DIR: dir });
    const user = { id: '00000000-0000-4000-8000-000000000001', role: Role.ADMIN, organizationId: null, sectors: [] };
    const now = new Date();
    // A token from before the "restart" still verifies.
    expect(tokens(again).verify(tokens(first).issue(user, now), now).user.id).toBe(user.id);
    // Another installation's token does not.
    const other = loadConfig({ DATA_DIR: tempDir() });
    expect(() => tokens(other).verify(tokens(first).issue(user, now), now)).toThrow();
  });

  it('tightens a secret file that others can read', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'jwt-secret'), 'x'.repeat(64));
    chmodSync(join(dir, 'jwt-secret'), 0o644);
    loadConfig({ DATA_DIR: dir });
    expect(statSync(join(dir, 'jwt-secret')).mode & 0o777).toBe(0o600);
  });

  it('refuses a token signed with the development secret of the old source', () => {
    const config = loadConfig({ DATA_DIR: tempDir() });
    const now = Math.floor(Date.now() / 1000);
    const forged = jwt.sign(
      { sub: '00000000-0000-4000-8000-000000000001', jti: 'x', role: Role.ADMIN, org: null, sectors: [], ver: 0, iat: now, exp: now + 600 },
      OLD_DEV_SECRET,
      { algorithm: 'HS256', issuer: 'cur-api', audience: 'cur-api' },
    );
    expect(() => tokens(config).verify(forged, new Date())).toThrow(/Недействительный токен/);
  });

  it('is required with DATABASE_URL in production: one line naming JWT_SECRET (also for RS256/ES256, as the link secret)', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://x@localhost/db' })).toThrow(/^Invalid configuration: JWT_SECRET: /);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://x@localhost/db', NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
    expect(loadConfig({ DATABASE_URL: 'postgres://x@localhost/db', JWT_SECRET: 'a-secret-of-16-chars+' }).jwtKeys.algorithm).toBe('HS256');
  });
});

describe('npm start with DATABASE_URL and no JWT_SECRET', () => {
  it('refuses to start with one clear line, before touching the database', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'core/main.ts'], {
      cwd: ROOT,
      // An address nobody answers on: the refusal must come before any connection.
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.on('data', (chunk) => (stdout += chunk));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(stdout).toBe('');
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Invalid configuration: JWT_SECRET: /);
  }, 30_000);
});
