import { readFileSync } from 'node:fs';
import { badInput } from '../errors/errors.js';
import { normalizeEmail } from './login-throttle.js';

/**
 * The commonest passwords (core/auth/common-passwords.txt: its header names the
 * source), refused whatever their case: the first guesses of any attacker
 * (NIST SP 800-63B 5.1.1.2: check against lists of commonly used passwords).
 * Read once; applies to passwords set through the API, not to the demo users.
 */
const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#')),
);

export const MIN_PASSWORD_LENGTH = 8;
/** bcrypt reads only the first 72 bytes: a longer password would silently lose its tail. */
export const MAX_PASSWORD_BYTES = 72;

/** Why a password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, email: string): string | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return `Пароль должен быть не короче ${MIN_PASSWORD_LENGTH} символов`;
  if (Buffer.byteLength(password, 'utf8') > MAX_PASSWORD_BYTES) return `Пароль должен быть не длиннее ${MAX_PASSWORD_BYTES} байт`;
  const lowered = password.trim().toLowerCase();
  const address = normalizeEmail(email);
  if (lowered === address || lowered === address.split('@')[0]) return 'Пароль не должен совпадать с e-mail';
  if (COMMON_PASSWORDS.has(lowered)) return 'Это один из самых распространённых паролей: выберите другой';
  return null;
}

/** Throws BAD_USER_INPUT naming `field` when the password breaks the policy. */
export function assertPasswordPolicy(password: string, email: string, field: string): void {
  const problem = passwordProblem(password, email);
  if (problem) throw badInput(field, problem);
}
