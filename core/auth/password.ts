import bcrypt from 'bcryptjs';

// bcryptjs: a maintained pure-JS bcrypt; no native build step on install.
const COST = 10;

export const hashPassword = (plain: string): Promise<string> => bcrypt.hash(plain, COST);

let verifications = 0;

export const verifyPassword = (plain: string, hash: string): Promise<boolean> => {
  verifications++;
  return bcrypt.compare(plain, hash);
};

/**
 * How many password hashes this process has compared since it started: what
 * a guesser gets out of the login throttle (test/auth/login-throttle.test.ts
 * counts that concurrent attempts never get more checks than the limit).
 */
export const passwordVerifications = (): number => verifications;

/** A hash to compare against when the e-mail is unknown, so timing does not reveal it. */
export const DUMMY_HASH = bcrypt.hashSync('not-a-real-password', COST);
