import { z } from 'zod';

/** Hardening (docs/hardening.md): limits on what one request or one caller may ask. */
export const hardeningSettings = {
  MAX_PAGE_SIZE: z.coerce.number().int().positive().default(500),
  GRAPHQL_MAX_DEPTH: z.coerce.number().int().positive().default(10),
  GRAPHQL_MAX_COST: z.coerce.number().int().positive().default(200_000),
  GRAPHQL_MAX_ALIASES: z.coerce.number().int().min(0).default(15),
  GRAPHQL_MAX_DIRECTIVES: z.coerce.number().int().min(0).default(10),
  GRAPHQL_MAX_TOKENS: z.coerce.number().int().positive().default(5000),
  INTROSPECTION: z.enum(['0', '1']).default('1'),
  GRAPHIQL: z.enum(['0', '1']).default('1'),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(600),
  RATE_LIMIT_PER_IP_PER_MINUTE: z.coerce.number().int().min(0).default(1200),
  TRUST_PROXY: z.string().optional(),
  // Free text in GraphQL arguments (core/graphql/input-bounds.ts): longer is BAD_USER_INPUT before any SQL.
  INPUT_MAX_SEARCH_LENGTH: z.coerce.number().int().positive().default(200),
  INPUT_MAX_TEXT_LENGTH: z.coerce.number().int().positive().default(20_000),
  INPUT_MAX_STRING_LENGTH: z.coerce.number().int().positive().default(1000),
  // PostgreSQL time limits of the API's statements (0: none). Migrations run without one.
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(15_000),
  ANALYTICS_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(60_000),
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(0).default(60_000),
  // Open311 reads without a key (GeoReport v2 public requests), per client address; 0 turns the limit off.
  OPEN311_PUBLIC_PER_MINUTE: z.coerce.number().int().min(0).default(60),
  // Uploaded spreadsheets (core/channels/adapters/spreadsheet-limits.ts): a ZIP bomb is refused before it is read.
  XLSX_MAX_UNPACKED_MB: z.coerce.number().int().positive().max(4095).default(200),
  XLSX_MAX_COMPRESSION_RATIO: z.coerce.number().int().positive().default(100),
  XLSX_MAX_ROWS: z.coerce.number().int().positive().default(100_000),
  XLSX_MAX_CELLS: z.coerce.number().int().positive().default(2_000_000),
};
