import type { TestApp } from '../support/test-app.js';
import { ANSWER, M, ok, type Staff } from '../lifecycle/lifecycle-helpers.js';

/**
 * Moves an appeal the channels took in through the lifecycle's real
 * mutations over HTTP, as the ЦУР and the body do: assignment by a ЦУР
 * specialist (when routing left it unassigned), work and answer by an
 * operator of the body, acceptance of the answer by the ЦУР.
 */
export async function readAppeal(t: TestApp, staff: Staff, id: string) {
  return ok(t, M.read, { id }, staff.specialist);
}

export async function assign(t: TestApp, staff: Staff, id: string, organizationCode = 'adm-yoshkar-ola') {
  const appeal = await readAppeal(t, staff, id);
  if (appeal.status === 'ASSIGNED') return appeal;
  const [org] = await t.em().execute('select id from organization where code = ?', [organizationCode]);
  return ok(t, M.assign, { id, org: org.id, assignee: null, v: appeal.version }, staff.specialist);
}

export async function startWork(t: TestApp, staff: Staff, id: string) {
  const appeal = await assign(t, staff, id);
  return ok(t, M.start, { id, v: appeal.version }, await staff.operator(appeal.organization.code));
}

/** From IN_PROGRESS: the body's answer, then (after `between`, e.g. moving a test clock) the ЦУР's acceptance (ANSWERED). */
export async function answerAndAccept(t: TestApp, staff: Staff, id: string, text = ANSWER.text, between: () => void = () => {}) {
  const appeal = await readAppeal(t, staff, id);
  const answered = await ok(t, M.answer, { id, input: { ...ANSWER, text }, v: appeal.version }, await staff.operator(appeal.organization.code));
  between();
  return ok(t, M.review, { id, decision: 'ACCEPT', comment: null, v: answered.version }, staff.specialist);
}
