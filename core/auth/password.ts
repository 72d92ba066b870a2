import bcrypt from 'bcryptjs';

// bcryptjs: a maintained pure-JS bcrypt; no native build step on install.
const COST = 10;

export const hashPassword = (plain: string): Promise<string> => bcrypt.hash(plain, COST);

export const verifyPassword = (plain: string, hash: string): Promise<boolean> => bcrypt.compare(plain, hash);

/** A hash to compare against when the e-mail is unknown, so timing does not reveal it. */
export const DUMMY_HASH = bcrypt.hashSync('not-a-real-password', COST);
