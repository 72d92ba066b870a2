import { raw, sql, type Sql } from './sql.js';

/**
 * Search over appeals (issue 15 item 1): PostgreSQL full-text search with the
 * `russian` configuration (Snowball stemming: «батареи холодные» finds
 * «холодные батареи в квартире»), trigram word similarity (pg_trgm) over the
 * address and the summary for typos in street names, and the registration
 * number exactly. The expressions are written once here; the two indexes
 * that serve them (migration appeal_search) repeat them column for column,
 * which is what lets the planner use them.
 */
export const searchDocument = (a: string) =>
  `to_tsvector('russian'::regconfig, coalesce(${a}.number, '') || ' ' || coalesce(${a}.summary, '') || ' ' || coalesce(${a}.address, '') || ' ' || ${a}.text)`;

export const searchPlace = (a: string) => `(coalesce(${a}.address, '') || ' ' || coalesce(${a}.summary, ''))`;

const tsquery = (term: string) => sql`websearch_to_tsquery('russian'::regconfig, ${term})`;

/** The condition that `a` matches `term`. `a`: an alias written in code, never a user's text. */
export const searchCondition = (a: string, term: string): Sql =>
  sql`(${raw(a)}.number = ${term} or ${raw(searchDocument(a))} @@ ${tsquery(term)} or ${term} <% ${raw(searchPlace(a))})`;

/**
 * Relevance, highest first: the number itself, then the weight of the words
 * found (ts_rank_cd, cover density), then how close the place is (0..1).
 * Deterministic for the same rows and term, so cursors over it are stable.
 */
export const searchRank = (a: string, term: string): Sql =>
  sql`((${raw(a)}.number = ${term})::int * 10 + ts_rank_cd(${raw(searchDocument(a))}, ${tsquery(term)}) + word_similarity(${term}, ${raw(searchPlace(a))}))::float8`;

export const SEARCH_INDEXES = {
  document: `create index "appeal_search_idx" on "appeal" using gin (${searchDocument('appeal').replaceAll('appeal.', '')})`,
  place: `create index "appeal_place_trgm_idx" on "appeal" using gin (${searchPlace('appeal').replaceAll('appeal.', '')} gin_trgm_ops)`,
};
