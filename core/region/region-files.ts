import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ZodType } from 'zod';
import { packIssue, RegionPackError } from './region-pack-error.js';
import { regionFileSchema, type RegionInfo } from './region-pack.schema.js';

export { RegionPackError };

/** The repository's root: `regions/<code>` and relative pack paths are found from here. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The pack used when REGION_PACK is not set: the one regions/default.json names (data, like the packs). */
export const DEFAULT_REGION_PACK: string = (() => {
  const file = join(REPO_ROOT, 'regions', 'default.json');
  const pack = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { pack?: unknown }).pack : undefined;
  return typeof pack === 'string' && pack ? `regions/${pack}` : 'regions';
})();

/**
 * The folder a REGION_PACK value names: an absolute path, a path relative to
 * the working directory or to the repository root, or a bare code
 * (`zarechye` → `<root>/regions/zarechye`).
 */
export function resolveRegionPackDir(setting: string): string {
  const candidates = isAbsolute(setting)
    ? [setting]
    : [resolve(setting), resolve(REPO_ROOT, setting), ...(/^[a-z0-9-]+$/.test(setting) ? [resolve(REPO_ROOT, 'regions', setting)] : [])];
  const dir = candidates.find((candidate) => existsSync(join(candidate, 'region.json')));
  if (!dir) throw new RegionPackError(setting, `no region pack here (a folder with region.json; tried ${[...new Set(candidates)].join(', ')})`);
  return dir;
}

/** How a file is named in messages: relative to the repository when inside it. */
export function displayName(file: string): string {
  const rel = relative(REPO_ROOT, file);
  return rel.startsWith('..') || isAbsolute(rel) ? file : rel.split(sep).join('/');
}

function readJson(file: string): unknown {
  const name = displayName(file);
  if (!existsSync(file)) throw new RegionPackError(name, 'file is missing');
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new RegionPackError(name, `not valid JSON (${(error as Error).message})`);
  }
}

/** A file read and checked against its schema; `rows`: the file is a list of rows. */
export function parseFile<T>(file: string, schema: ZodType<T>, rows: boolean): T {
  const data = readJson(file);
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw packIssue(displayName(file), parsed.error.issues[0]!, data, rows);
  return parsed.data;
}

/** Only region.json (code, registration code, time zone): what the configuration needs before anything starts. */
export function readRegionInfo(setting: string): RegionInfo {
  return parseFile(join(resolveRegionPackDir(setting), 'region.json'), regionFileSchema, false);
}
