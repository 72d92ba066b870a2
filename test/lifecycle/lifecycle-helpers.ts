import { expect } from 'vitest';
import type { TestApp } from '../support/test-app.js';
import { Role } from '../../core/entities/enums.js';

/** The fields the lifecycle tests read back. */
export const APPEAL_FIELDS = `id number status version channel externalId fz59 isRepeat needsStructuring reworkCount reopenCount
  sector { code } category { code } municipality { code } organization { id code } assignee { id }
  repeatOf { id } answeredAt closedAt registeredAt
  deadline { state dueAt extended paused pausedHours remainingHours rule rules { code dueAt deciding } }
  satisfaction { score negative }
  allowedActions`;

export const REGISTER = `mutation($input: RegisterAppealInput!) { registerAppeal(input: $input) { created appeal { ${APPEAL_FIELDS} } } }`;

export interface Staff {
  integration: string;
  specialist: string;
  admin: string;
  /** Operators by organization code. */
  operator(code: string): Promise<string>;
}

/** Tokens for the roles the lifecycle needs; operators are created per body on first use. */
export async function staff(t: TestApp): Promise<Staff> {
  const [integration, specialist, admin] = await Promise.all([t.user(Role.INTEGRATION), t.user(Role.CENTER_SPECIALIST), t.user(Role.ADMIN)]);
  const operators = new Map<string, Promise<string>>();
  return {
    integration: integration.token,
    specialist: specialist.token,
    admin: admin.token,
    operator(code) {
      if (!operators.has(code))
        operators.set(
          code,
          t.user(Role.ORG_OPERATOR, { organizationCode: code }).then((u) => u.token),
        );
      return operators.get(code)!;
    },
  };
}

let counter = 0;
/** A unique external id per call, so test appeals never collide by accident. */
export const ext = (prefix = 'ext') => `${prefix}-${Date.now().toString(36)}-${++counter}`;

/** Sends a mutation and fails the test on any error; returns `data[field]`. */
export async function ok<T = any>(t: TestApp, query: string, variables: Record<string, unknown>, token: string): Promise<T> {
  const result = await t.gql(query, variables, token);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  const data = result.data as Record<string, T>;
  return data[Object.keys(data)[0]!]!;
}

/** Sends a mutation that must fail; returns the first error. */
export async function fails(t: TestApp, query: string, variables: Record<string, unknown>, token?: string) {
  const result = await t.gql(query, variables, token);
  expect(result.errors, `expected an error, got ${JSON.stringify(result.data)}`).toBeDefined();
  return result.errors![0]!;
}

export async function register(t: TestApp, token: string, input: Record<string, unknown>) {
  return ok<{ created: boolean; appeal: any }>(t, REGISTER, { input: { externalId: ext(), ...input } }, token);
}

export async function idOf(t: TestApp, table: string, code: string): Promise<string> {
  const [row] = await t.em().execute(`select id from ${table} where code = ?`, [code]);
  if (!row) throw new Error(`${table} ${code} missing`);
  return row.id as string;
}

export const M = {
  registerReceived: `mutation($id: ID!, $v: Int!) { registerReceived(id: $id, expectedVersion: $v) { ${APPEAL_FIELDS} } }`,
  assign: `mutation($id: ID!, $org: ID!, $assignee: ID, $v: Int!) { assignAppeal(id: $id, organizationId: $org, assigneeId: $assignee, expectedVersion: $v) { ${APPEAL_FIELDS} } }`,
  redirect: `mutation($id: ID!, $org: ID!, $reason: String!, $v: Int!) { redirectAppeal(id: $id, toOrganizationId: $org, reason: $reason, expectedVersion: $v) { ${APPEAL_FIELDS} } }`,
  extend: `mutation($id: ID!, $reason: String!, $v: Int!, $days: Int) { extendDeadline(id: $id, reason: $reason, expectedVersion: $v, days: $days) { ${APPEAL_FIELDS} } }`,
  start: `mutation($id: ID!, $v: Int!) { startWork(id: $id, expectedVersion: $v) { ${APPEAL_FIELDS} } }`,
  pause: `mutation($id: ID!, $reason: String!, $v: Int!) { pauseAppeal(id: $id, reason: $reason, expectedVersion: $v) { ${APPEAL_FIELDS} } }`,
  resume: `mutation($id: ID!, $v: Int!) { resumeAppeal(id: $id, expectedVersion: $v) { ${APPEAL_FIELDS} } }`,
  answer: `mutation($id: ID!, $input: AnswerInput!, $v: Int!) { answerAppeal(id: $id, input: $input, expectedVersion: $v) { ${APPEAL_FIELDS} } }`,
  review: `mutation($id: ID!, $decision: ReviewDecision!, $comment: String, $v: Int!) { reviewAnswer(id: $id, decision: $decision, comment: $comment, expectedVersion: $v) { ${APPEAL_FIELDS} } }`,
  rate: `mutation($id: ID!, $score: Int!, $comment: String) { rateAppeal(id: $id, score: $score, comment: $comment) { ${APPEAL_FIELDS} } }`,
  reject: `mutation($id: ID!, $reason: String!, $v: Int!) { rejectAppeal(id: $id, reason: $reason, expectedVersion: $v) { ${APPEAL_FIELDS} } }`,
  reopen: `mutation($id: ID!, $reason: String!, $v: Int!) { reopenAppeal(id: $id, reason: $reason, expectedVersion: $v) { ${APPEAL_FIELDS} } }`,
  close: `mutation($id: ID!, $v: Int!) { closeAppeal(id: $id, expectedVersion: $v) { ${APPEAL_FIELDS} } }`,
  structure: `mutation($id: ID!, $input: StructureAppealInput!, $v: Int!) { structureAppeal(id: $id, input: $input, expectedVersion: $v) { ${APPEAL_FIELDS} } }`,
  read: `query($id: ID!) { appeal(id: $id) { ${APPEAL_FIELDS} history { type fromStatus toStatus reason data } responses { text result reviewDecision reviewComment } } }`,
};

export const ANSWER = { text: 'Работы выполнены, отопление восстановлено.', result: 'SUPPORTED' };
