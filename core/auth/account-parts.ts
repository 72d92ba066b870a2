import { Role } from '../entities/enums.js';

/**
 * The parts of an account that many callers have in common (role, body,
 * sectors), one copy each by value: a process with thousands of open
 * subscriptions keeps one `['housing']` and one organization id text per
 * body instead of one per socket (memory per subscriber). Only immutable
 * values are shared: strings, and sector lists frozen (a caller that tried
 * to change its list would throw, not change another's). Bounded: past
 * MAX_SHARED values the tables start afresh (the values already handed out
 * stay valid).
 */
const MAX_SHARED = 10_000;

const roles = new Map<string, Role>(Object.values(Role).map((role) => [role, role]));
const texts = new Map<string, string>();
const sectorLists = new Map<string, readonly string[]>();

/** The Role constant for a role read from the database (an unknown one as it came). */
export function sharedRole(role: string): Role {
  return roles.get(role) ?? (role as Role);
}

/** One copy of a text many accounts hold (an organization id). */
export function sharedText(text: string | null): string | null {
  if (text === null) return null;
  const known = texts.get(text);
  if (known !== undefined) return known;
  if (texts.size >= MAX_SHARED) texts.clear();
  texts.set(text, text);
  return text;
}

/** One frozen list per set of sector codes in that order (the codes themselves shared). */
export function sharedSectors(sectors: readonly string[]): string[] {
  const key = JSON.stringify(sectors);
  const known = sectorLists.get(key);
  if (known) return known as string[];
  if (sectorLists.size >= MAX_SHARED) sectorLists.clear();
  const list = Object.freeze(sectors.map((code) => sharedText(code)!));
  sectorLists.set(key, list);
  return list as string[];
}
