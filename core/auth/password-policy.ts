import { badInput } from '../errors/errors.js';
import { normalizeEmail } from './login-throttle.js';

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
  return null;
}

/** Throws BAD_USER_INPUT naming `field` when the password breaks the policy. */
export function assertPasswordPolicy(password: string, email: string, field: string): void {
  const problem = passwordProblem(password, email);
  if (problem) throw badInput(field, problem);
}
