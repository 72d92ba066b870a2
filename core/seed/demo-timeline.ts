import type { Faker } from '@faker-js/faker';
import type { AppealIntake } from '../lifecycle/appeal-intake.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Appeals older than this have had their time: most are closed, a few remain as real (overdue) backlog. */
const OLD_MS = 45 * DAY;

/** The lifecycle actions the demo takes (core/seed/demo-steps.ts maps each to AppealActions). */
export type DemoAction = 'REGISTER' | 'ENSURE_BODY' | 'REDIRECT' | 'START' | 'EXTEND' | 'ANSWER' | 'RETURN' | 'ACCEPT' | 'RATE' | 'CLOSE' | 'REJECT' | 'REOPEN';

export interface DemoStep {
  action: DemoAction;
  /** After the previous step. */
  afterMs: number;
  /** For ANSWER: the moment as a share of the appeal's own term (over 1: late), from the deadline's start. */
  termShare?: number;
  score?: number;
}

export interface DemoPlan {
  index: number;
  receivedAt: Date;
  intake: AppealIntake;
  steps: { intakeDelayMs: number; after: DemoStep[] };
}

const hours = (faker: Faker, min: number, max: number) => faker.number.int({ min: min * 60, max: max * 60 }) * 60_000;

type Target =
  | 'REGISTERED'
  | 'ASSIGNED'
  | 'REDIRECTED'
  | 'IN_PROGRESS'
  | 'ON_REVIEW'
  | 'ANSWERED'
  | 'CLOSED_RATED'
  | 'CLOSED'
  | 'REOPENED'
  | 'REJECTED'
  | 'REOPENED_ANSWERED';

function weighted<T>(faker: Faker, items: [T, number][]): T {
  return faker.helpers.weightedArrayElement(items.map(([value, weight]) => ({ value, weight })));
}

/**
 * Where an appeal of this age is headed and the steps that take it there.
 * Steps that would fall after "now" are not taken (core/seed/demo-appeals.ts),
 * so a young appeal stops wherever its time has come to.
 */
export function demoTimeline(faker: Faker, appeal: { ageMs: number; fz59: boolean }): DemoPlan['steps'] {
  const old = appeal.ageMs > OLD_MS;
  const target: Target = old
    ? weighted<Target>(faker, [
        ['CLOSED_RATED', 48],
        ['CLOSED', 28],
        ['REJECTED', 4],
        ['REOPENED', 2],
        ['REOPENED_ANSWERED', 3],
        ['IN_PROGRESS', 2],
        ['ANSWERED', 5],
        ['REDIRECTED', 8],
      ])
    : weighted<Target>(faker, [
        ['REGISTERED', 8],
        ['ASSIGNED', 12],
        ['IN_PROGRESS', 26],
        ['ON_REVIEW', 10],
        ['ANSWERED', 12],
        ['CLOSED_RATED', 10],
        ['CLOSED', 6],
        ['REOPENED', 4],
        ['REDIRECTED', 6],
        ['REJECTED', 3],
        ['REOPENED_ANSWERED', 3],
      ]);
  const late = faker.datatype.boolean(0.12);
  const steps: DemoStep[] = [];
  const add = (action: DemoAction, afterMs: number, extra: Partial<DemoStep> = {}) => steps.push({ action, afterMs, ...extra });
  if (appeal.fz59) add('REGISTER', hours(faker, 1, 40));
  if (target === 'REGISTERED') return { intakeDelayMs: hours(faker, 0.1, 0.7), after: steps };
  add('ENSURE_BODY', hours(faker, 0.5, 3));
  if (target === 'ASSIGNED') return { intakeDelayMs: hours(faker, 0.1, 0.7), after: steps };
  if (target === 'REJECTED') {
    add('REJECT', hours(faker, 2, 48));
    return { intakeDelayMs: hours(faker, 0.1, 0.7), after: steps };
  }
  const redirected = target === 'REDIRECTED' || faker.datatype.boolean(0.04);
  if (redirected) add('REDIRECT', hours(faker, 2, 30));
  if (target === 'REDIRECTED' && !old) return { intakeDelayMs: hours(faker, 0.1, 0.7), after: steps };
  add('START', hours(faker, 1, 24));
  if (faker.datatype.boolean(0.05)) add('EXTEND', hours(faker, 1, 12));
  if (target === 'IN_PROGRESS') return { intakeDelayMs: hours(faker, 0.1, 0.7), after: steps };
  const answer = () => add('ANSWER', 0, { termShare: late ? faker.number.float({ min: 1.02, max: 1.6 }) : faker.number.float({ min: 0.05, max: 0.9 }) });
  answer();
  if (target === 'ON_REVIEW') return { intakeDelayMs: hours(faker, 0.1, 0.7), after: steps };
  if (faker.datatype.boolean(0.07)) {
    add('RETURN', hours(faker, 1, 8));
    add('ANSWER', hours(faker, 4, 48));
  }
  add('ACCEPT', hours(faker, 1, 8));
  const positive = () =>
    weighted(faker, [
      [5, 40],
      [4, 25],
      [3, 12],
    ]);
  if (target === 'CLOSED_RATED' || target === 'REDIRECTED')
    add('RATE', hours(faker, 6, 96), {
      score: faker.datatype.boolean(0.85)
        ? positive()
        : weighted(faker, [
            [2, 10],
            [1, 13],
          ]),
    });
  if (target === 'CLOSED') add('CLOSE', hours(faker, 7 * 24, 10 * 24));
  if (target === 'REOPENED' || target === 'REOPENED_ANSWERED')
    add('RATE', hours(faker, 6, 96), {
      score: weighted(faker, [
        [2, 10],
        [1, 13],
      ]),
    });
  if (target === 'REOPENED_ANSWERED') {
    add('START', hours(faker, 2, 24));
    add('ANSWER', 0, { termShare: faker.number.float({ min: 0.1, max: 0.8 }) });
    add('ACCEPT', hours(faker, 1, 8));
    add('RATE', hours(faker, 6, 96), { score: positive() });
  }
  return { intakeDelayMs: hours(faker, 0.1, 0.7), after: steps };
}
