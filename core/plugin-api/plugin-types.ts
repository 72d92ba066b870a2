import type { EntityManager } from '@mikro-orm/postgresql';
import type { MigrationObject } from '@mikro-orm/core';
import type { ZodType } from 'zod';
import type { RegionTables } from '../region/sector-tables.js';

/** Version of this contract; a plugin names the one it was written for. */
export const PLUGIN_API_VERSION = 1;

/** A duration in the units the law and practice use. */
export type DeadlineDuration = { hours: number } | { calendarDays: number } | { workingDays: number };

/**
 * One heading of the sector's part of the classifier.
 * `keywords` are plain Russian words or phrases; the core stems them with a
 * Russian stemmer, so «отопление», «отопления», «отоплением» all match, and a
 * phrase earns partial credit for each of its words found. Acronyms are
 * written in capitals («ФАП», «ОДН», «СВО») and matched as whole words.
 */
export interface CategoryDefinition {
  /** Stable code, unique across plugins: `<sector>.<name>`, e.g. `housing.heating`. */
  code: string;
  name: string;
  /** The all-Russian thematic classifier code (`0005.0005.0056.1149`) where one exists. */
  federalCode?: string;
  keywords: string[];
}

/** What routing and deadline rules can see of an appeal being registered. */
export interface AppealFacts {
  channel: string;
  text: string;
  sectorCode: string | null;
  categoryCode: string | null;
  municipalityCode: string | null;
  address: string | null;
  receivedAt: Date;
  details: Record<string, unknown> | null;
  /** Organization codes the appeal complains about (59-ФЗ art. 8 part 6). */
  complainedAboutOrganizationCodes: string[];
}

/**
 * Who answers for an appeal. `role` names a body by the role the plugin
 * declares (`responsibleBody` or `bodyRoles`), which the region pack binds to
 * one of its organizations: the rule does not fire while the role is unbound.
 * `organizationOf` takes the body from the plugin's region tables (the
 * hospital that serves the appeal's municipality): null, or a code the pack
 * lacks, and the rule does not fire. `municipalAdministration` means the
 * administration of the appeal's municipality. `organizationCode` names a
 * fixed body of the pack; prefer a role, so that the plugin names no region.
 */
export type RoutingTarget =
  { role: string } | { organizationOf: (facts: AppealFacts) => string | null } | { municipalAdministration: true } | { organizationCode: string };

export interface RoutingRule {
  code: string;
  description: string;
  /** Lower runs first. */
  priority: number;
  /** Category codes this rule covers; empty or absent means every category of the sector. */
  categories?: string[];
  /** Municipality codes this rule covers; absent means all. */
  municipalities?: string[];
  /** An extra condition on the appeal's facts (address, details). */
  when?: (facts: AppealFacts) => boolean;
  target: RoutingTarget;
}

/** A shorter deadline for urgent cases, folded over the channel's statutory one. */
export interface DeadlineRule {
  code: string;
  description: string;
  categories?: string[];
  when?: (facts: AppealFacts) => boolean;
  answerWithin: DeadlineDuration;
}

/**
 * A sector metric for stats and the monthly report: one of the core's
 * measures, restricted to some of the sector's categories (and optionally to
 * urgent appeals), so that it is computed in SQL like every other metric.
 */
export interface KpiDefinition {
  code: string;
  name: string;
  measure: 'count' | 'onTimeRate' | 'overdueShare' | 'medianResponseHours' | 'satisfactionAvg' | 'repeatRate';
  /** Category codes; absent means the whole sector. */
  categories?: string[];
  /** Target value, if the sector has one (e.g. 0.95 for an on-time rate). */
  target?: number;
}

/** A plugin's details on an appeal: validated input, stored in its own 1:1 table. */
export interface DetailsDefinition<T = unknown> {
  /** Validates `registerAppeal(details)`; issues' paths name the field at fault. */
  schema: ZodType<T>;
  /** The details entity class (a 1:1 table keyed by `appeal_id`). */
  entity: new () => object;
  /** Builds the details row for an appeal id from the validated input. */
  toEntity(appealId: string, details: T): object;
}

export interface SeedContext {
  em: EntityManager;
  /** Resolves a reference organization by code (the core seeds them first). */
  organizationId(code: string): Promise<string>;
  municipalityId(code: string): Promise<string>;
  /** True when demo data is requested (not only reference data). */
  demo: boolean;
}

/** An appeal event as hooks see it. */
export interface AppealEventPayload {
  eventId: string;
  appealId: string;
  type: string;
  fromStatus: string | null;
  toStatus: string | null;
  sectorCode: string | null;
  organizationId: string | null;
  municipalityId: string | null;
}

export interface PluginHooks {
  /** Runs inside the transaction; throw an error from `appError` to veto. */
  beforeCommit?(event: AppealEventPayload, em: EntityManager): Promise<void> | void;
  /** Runs after the transaction committed; failures are logged, never undo the change. */
  afterCommit?(event: AppealEventPayload): Promise<void> | void;
}

/**
 * A sector's own recommendation rule (core/recommendations): from the sector's
 * figures, what a body should do. `code` is also the topic code of the
 * seminar that answers it. `find` reads through `sql` (text with $1.. values,
 * read-only use) and returns, per body, the reason, the figures and the
 * appeals that show it.
 */
export interface RecommendationRuleDefinition {
  code: string;
  /** What the body should do, in Russian. */
  action: string;
  find(query: RecommendationQuery): Promise<RecommendationFinding[]>;
}

export interface RecommendationQuery {
  from: Date;
  to: Date;
  /** One body, or null for every body. */
  organizationId: string | null;
  sql<T = Record<string, unknown>>(text: string, values: unknown[]): Promise<T[]>;
}

export interface RecommendationFinding {
  organizationId: string;
  /** Why, in Russian, with the figures. */
  reason: string;
  evidence: Record<string, unknown>;
  appealIds?: string[];
}

/**
 * A question of a sector's survey template: the same fields as a survey's
 * question (`SurveyQuestionInput`). Codes: latin letters, digits, _ and -.
 */
export interface SurveyTemplateQuestion {
  code: string;
  text: string;
  type: 'SINGLE_CHOICE' | 'MULTIPLE_CHOICE' | 'SCALE' | 'TEXT';
  /** Default true. */
  required?: boolean;
  /** Choice questions: at least two. */
  options?: { code: string; text: string }[];
  /** Scale questions: the bounds. */
  scaleMin?: number;
  scaleMax?: number;
}

/**
 * A questionnaire the sector offers for its polls (heating quality, route
 * satisfaction): listed by `surveyTemplates`, turned into a draft by
 * `createSurveyFromTemplate` (core/surveys). Checked by the survey rules
 * when the plugin is declared.
 */
export interface SurveyTemplateDefinition {
  /** Stable code, unique across plugins: `<sector>.<name>`, e.g. `housing.heating-quality`. */
  code: string;
  title: string;
  description?: string;
  questions: SurveyTemplateQuestion[];
}

/**
 * Who may call a plugin's root operation (`Query.managementCompanies`):
 * ALL — every signed-in role; READERS — all but integrations; CENTER — the
 * ЦУР's staff and admins. Every root operation of a plugin needs a row.
 */
export type PluginAccess = 'ALL' | 'READERS' | 'CENTER';

/**
 * How the federal feedback platform's (ПОС) category names map to the
 * plugin's codes: ПОС category → (subcategory, or `*` for one not listed) →
 * the plugin's sector code (structuring picks the category) or one of its
 * category codes. Names match ignoring case, «ё» and repeated spaces; a name
 * no enabled plugin maps leaves the message to structuring.
 */
export type PosCategoryMap = Readonly<Record<string, Readonly<Record<string, string>>>>;

/**
 * A migration of the plugin's own tables (`Migration20270101120000_parks`,
 * a class extending `Migration` of '@mikro-orm/migrations'): merged with the
 * core's into one chain ordered by the timestamp in the name.
 */
export type PluginMigration = MigrationObject;

/** A body a sector needs, named by role; the region pack says which organization takes it (docs/regions.md). */
export interface ResponsibleBodyRole {
  /** Stable code, lower-case latin with hyphens: `ministry-of-culture`. */
  role: string;
  /** What the body is, for the people who write a pack: «Министерство культуры». */
  name: string;
}

/**
 * A further body a plugin routes to (the ambulance station, the insurance
 * fund, the road agency), named by role like the responsible body and bound
 * by the region pack (`roles` in organizations.json). Its code starts with the
 * plugin's: `health.ambulance`. A required role the pack leaves unbound stops
 * the load; an `optional` one may stay unbound, and the rules targeting it
 * then do not fire (the appeal goes on to the next rule or the responsible body).
 */
export interface BodyRole extends ResponsibleBodyRole {
  optional?: boolean;
}

export interface SectorPluginDefinition<TDetails = unknown> {
  code: string;
  name: { ru: string; en: string };
  apiVersion: number;
  entities?: (new (...args: never[]) => object)[];
  resolvers?: Function[];
  /** Access of the plugin's own root operations, keyed `Query.name` / `Mutation.name`. */
  access?: Record<string, PluginAccess>;
  details?: DetailsDefinition<TDetails>;
  categories: CategoryDefinition[];
  /**
   * The role of the body that answers for the sector, which the region pack
   * binds to one of its organizations (`roles` in organizations.json):
   * routing falls back to that body when no rule places an appeal, and a pack
   * that binds no organization to the role is refused on load. Without it,
   * the responsible body is the pack's EXECUTIVE_BODY listing the plugin's code.
   */
  responsibleBody?: ResponsibleBodyRole;
  /** Further bodies the plugin's rules route to by role (`target: { role }`, `notAgainst({ role })`). */
  bodyRoles?: BodyRole[];
  routing?: RoutingRule[];
  deadlines?: DeadlineRule[];
  kpis?: KpiDefinition[];
  /** Questionnaires the sector offers for its polls of residents (core/surveys). */
  surveyTemplates?: SurveyTemplateDefinition[];
  /** Recommendation rules of the sector, beside the core's (core/recommendations/recommendation.rules.ts). */
  recommendations?: RecommendationRuleDefinition[];
  /** The plugin's part of the ПОС classifier mapping (core/channels composes the plugins'). */
  posCategories?: PosCategoryMap;
  /**
   * Migrations of the plugin's tables, kept in the plugin's folder, merged
   * with the core's into one chain ordered by the timestamps in the names.
   */
  migrations?: PluginMigration[];
  /**
   * The sector's reference data of the region (its hospitals, routes,
   * operators), kept in the region pack as `sectors/<code>/<table>.json` and
   * checked against these row schemas when the pack is loaded
   * (`regionTables({...})`, docs/regions.md). The seed and the rules read
   * the rows through it; a pack without a table has no rows.
   */
  regionTables?: RegionTables<any>;
  seed?(ctx: SeedContext): Promise<void>;
  hooks?: PluginHooks;
}

export type SectorPlugin = SectorPluginDefinition<any> & { readonly __sectorPlugin: true };
