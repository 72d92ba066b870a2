import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z, type ZodType } from 'zod';
import { Role } from '../entities/enums.js';
import { RegionPackError } from './region-pack-error.js';
import { parseFile } from './region-files.js';
import { code, note, text } from './region-pack.schema.js';

/*
 * The demo of a region (`DEMO=1`) is data of its pack: optional `demo-*.json`
 * files, each a list of rows, read and checked by the one loader below
 * (docs/regions.md, «The demo»). A pack without them starts with the core's
 * minimal demo: the ЦУР's own users, two operators per body, and appeals over
 * its municipalities and the plugins' categories.
 */

const longText = z.string().trim().min(1, 'expected a non-empty string').max(5000);

/** demo-users.json: the named demo users bound to the pack's bodies (all with the password `demo`). */
export const demoUserRowSchema = z.strictObject({
  email: z.string().regex(/^[a-z0-9._-]+@[a-z0-9.-]+$/, 'expected a lowercase e-mail, e.g. "operator@demo.local"'),
  fullName: text,
  role: z.enum(Role),
  /** The body the user works in (organizations.json). */
  organizationCode: code,
  /** Sector codes the user's role is limited to (sector roles, ministry observers). */
  sectors: z.array(code).default([]),
  note,
});

/** demo-streets.json: street names the generated appeals' addresses draw from (without «ул.»). */
export const demoStreetRowSchema = text;

/**
 * demo-hot-spots.json: of the last two months' appeals, some land on one
 * category in one street of one municipality, so the analytics find regional
 * problems there; `decision` marks the largest such problem as taken in hand.
 */
export const demoHotSpotRowSchema = z.strictObject({
  category: code,
  municipalityCode: code,
  street: text,
  decision: longText.optional(),
  nationalProjectIndicator: text.optional(),
  note,
});

const questionCode = z.string().regex(/^[A-Za-z0-9_-]+$/, 'expected latin letters, digits, "_" or "-"');
const demoQuestionSchema = z.strictObject({
  code: questionCode,
  text,
  type: z.enum(['SINGLE_CHOICE', 'MULTIPLE_CHOICE', 'SCALE', 'TEXT']),
  required: z.boolean().default(true),
  options: z.array(z.strictObject({ code: questionCode, text })).optional(),
  scaleMin: z.number().int().optional(),
  scaleMax: z.number().int().optional(),
  /** TEXT: what residents write in the demo (drawn at random); without it the question is left unanswered. */
  sampleAnswers: z.array(text).optional(),
});

/**
 * demo-surveys.json: the polls the demo makes through the survey services,
 * with `links` one-use links of which `linkResponses` are answered, and
 * `paperResponses` rows of an offline poll; answers are drawn per question
 * type by a fixed-seed generator. `status`: where the demo leaves it.
 */
export const demoSurveyRowSchema = z
  .strictObject({
    title: text,
    description: longText.optional(),
    audience: z
      .strictObject({ sectors: z.array(code).optional(), categories: z.array(code).optional(), municipalityCodes: z.array(code).optional() })
      .default({}),
    questions: z.array(demoQuestionSchema).min(1, 'expected at least one question'),
    status: z.enum(['OPEN', 'CLOSED']),
    links: z.number().int().nonnegative(),
    linkResponses: z.number().int().nonnegative(),
    paperResponses: z.number().int().nonnegative().default(0),
    note,
  })
  .refine((survey) => survey.linkResponses <= survey.links, { message: 'more responses than links', path: ['linkResponses'] });

/**
 * demo-announcements.json: the announcements the demo publishes, each with
 * the residents' appeals it answers at intake. Times are hours from the moment
 * the demo is seeded (negative: earlier); `kind` is an AnnouncementKind value.
 */
export const demoAnnouncementRowSchema = z.strictObject({
  kind: z.enum(['OUTAGE', 'WORKS', 'EMERGENCY', 'INFO']),
  title: text,
  body: longText,
  /** The municipality it is addressed to; its administration is the author. */
  municipalityCode: code,
  validFromHours: z.number(),
  validToHours: z.number(),
  categories: z.array(code).optional(),
  sectors: z.array(code).optional(),
  streets: z.array(text).optional(),
  /** Residents' appeals registered after it is published (the intake matches them to it). */
  appeals: z.array(text).default([]),
  note,
});

type Row<S extends ZodType> = Omit<z.infer<S>, 'note'>;
export type DemoUserRow = Row<typeof demoUserRowSchema>;
export type DemoHotSpot = Row<typeof demoHotSpotRowSchema>;
export type DemoSurvey = Row<typeof demoSurveyRowSchema>;
export type DemoQuestion = DemoSurvey['questions'][number];
export type DemoAnnouncement = Row<typeof demoAnnouncementRowSchema>;

/** What the demo of a region is made of; every list is empty when its file is absent. */
export interface RegionDemo {
  users: DemoUserRow[];
  streets: string[];
  hotSpots: DemoHotSpot[];
  surveys: DemoSurvey[];
  announcements: DemoAnnouncement[];
}

/** The files, by the part of the demo each holds. */
export const DEMO_FILES = {
  users: 'demo-users.json',
  streets: 'demo-streets.json',
  hotSpots: 'demo-hot-spots.json',
  surveys: 'demo-surveys.json',
  announcements: 'demo-announcements.json',
} as const satisfies Record<keyof RegionDemo, string>;

function readRows<T>(dir: string, name: string, row: ZodType<T>): T[] {
  const file = join(dir, name);
  if (!existsSync(file)) return [];
  // Notes are for the people who keep the pack; the core does not carry them.
  return parseFile(file, z.array(row), true).map((value) => {
    if (value === null || typeof value !== 'object' || !('note' in value)) return value;
    const { note: _, ...rest } = value as T & { note?: string };
    return rest as T;
  });
}

/** Reads the pack's demo files (those present), each against its schema. */
export function loadRegionDemo(dir: string): RegionDemo {
  return {
    users: readRows(dir, DEMO_FILES.users, demoUserRowSchema),
    streets: readRows(dir, DEMO_FILES.streets, demoStreetRowSchema),
    hotSpots: readRows(dir, DEMO_FILES.hotSpots, demoHotSpotRowSchema),
    surveys: readRows(dir, DEMO_FILES.surveys, demoSurveyRowSchema),
    announcements: readRows(dir, DEMO_FILES.announcements, demoAnnouncementRowSchema),
  };
}

/**
 * The demo rows against the pack: the bodies and municipalities they name
 * exist, and no e-mail is listed twice. Categories and sectors are the
 * plugins' and are checked when the demo is seeded (an unknown one is skipped).
 */
export function checkDemoIntegrity(
  demo: RegionDemo,
  known: { municipalities: { has(code: string): boolean }; organizations: { has(code: string): boolean } },
  fileName: (name: string) => string,
): void {
  const refuse = (part: keyof RegionDemo, index: number, field: string, problem: string): never => {
    throw new RegionPackError(fileName(DEMO_FILES[part]), problem, index + 1, field);
  };
  const municipality = (part: keyof RegionDemo, index: number, field: string, value: string) => {
    if (!known.municipalities.has(value)) refuse(part, index, field, `no municipality has the code "${value}" (municipalities.json)`);
  };
  const emails = new Set<string>();
  demo.users.forEach((user, index) => {
    if (!known.organizations.has(user.organizationCode)) {
      refuse('users', index, 'organizationCode', `no organization has the code "${user.organizationCode}" (organizations.json)`);
    }
    if (emails.has(user.email)) refuse('users', index, 'email', `"${user.email}" is listed twice`);
    emails.add(user.email);
  });
  demo.hotSpots.forEach((spot, index) => municipality('hotSpots', index, 'municipalityCode', spot.municipalityCode));
  demo.surveys.forEach((survey, index) =>
    (survey.audience.municipalityCodes ?? []).forEach((value) => municipality('surveys', index, 'audience.municipalityCodes', value)),
  );
  demo.announcements.forEach((announcement, index) => municipality('announcements', index, 'municipalityCode', announcement.municipalityCode));
}
