import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The file, in DATA_DIR, that keeps the secret generated for a deployment without JWT_SECRET. */
export const GENERATED_SECRET_FILE = 'jwt-secret';

/**
 * The secret of an unconfigured deployment (`npm start` with no settings):
 * 48 random bytes made on first start and kept in `DATA_DIR/jwt-secret`
 * (mode 0600), read back on every later start, so tokens and links survive
 * a restart and no two installations share a secret. There is no secret in
 * the code: a token signed with anything read from the source is refused.
 * Two processes starting at once on a fresh folder agree: the file is
 * created exclusively (`wx`), the loser reads the winner's.
 */
export function loadOrCreateSecret(dataDir: string): { secret: string; file: string } {
  const dir = resolve(dataDir);
  const file = join(dir, GENERATED_SECRET_FILE);
  mkdirSync(dir, { recursive: true });
  try {
    writeFileSync(file, randomBytes(48).toString('base64url'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  // Tighten a file someone loosened (or copied with a permissive umask).
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  const secret = readFileSync(file, 'utf8').trim();
  if (secret.length < 32) throw new Error(`${file} holds no usable secret (remove it to make a new one)`);
  return { secret, file };
}
