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

const query = `websearch_to_tsquery('russian'::regconfig, ?)`;

/** The condition: three `?` bound to the same term. */
export const searchCondition = (a: string) => `(${a}.number = ? or ${searchDocument(a)} @@ ${query} or ? <% ${searchPlace(a)})`;

/**
 * Relevance, highest first: the number itself, then the weight of the words
 * found (ts_rank_cd, cover density), then how close the place is (0..1).
 * Deterministic for the same rows and term, so cursors over it are stable.
 */
export const searchRank = (a: string) =>
  `((${a}.number = ?)::int * 10 + ts_rank_cd(${searchDocument(a)}, ${query}) + word_similarity(?, ${searchPlace(a)}))::float8`;

export const SEARCH_INDEXES = {
  document: `create index "appeal_search_idx" on "appeal" using gin (${searchDocument('appeal').replaceAll('appeal.', '')})`,
  place: `create index "appeal_place_trgm_idx" on "appeal" using gin (${searchPlace('appeal').replaceAll('appeal.', '')} gin_trgm_ops)`,
};
