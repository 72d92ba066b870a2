import type { TestApp } from '../support/test-app.js';
import { ok } from '../lifecycle/lifecycle-helpers.js';

export const ANNOUNCEMENT_FIELDS = `id version kind status title body validFrom validTo withdrawReason
  audience { municipalityIds settlements streets sectors categories problemId }
  organization { code }`;

export const A = {
  create: `mutation($input: AnnouncementInput!) { createAnnouncement(input: $input) { ${ANNOUNCEMENT_FIELDS} } }`,
  approve: `mutation($id: ID!, $v: Int!) { approveAnnouncement(id: $id, expectedVersion: $v) { ${ANNOUNCEMENT_FIELDS} } }`,
  publish: `mutation($id: ID!, $v: Int!) { publishAnnouncement(id: $id, expectedVersion: $v) { ${ANNOUNCEMENT_FIELDS} } }`,
  withdraw: `mutation($id: ID!, $reason: String!, $v: Int!) { withdrawAnnouncement(id: $id, reason: $reason, expectedVersion: $v) { ${ANNOUNCEMENT_FIELDS} } }`,
  read: `query($id: ID!) { announcement(id: $id) { ${ANNOUNCEMENT_FIELDS}
    deliveries { queued sent failed possibleRepeats channels { channel queued sent failed possibleRepeats } }
    matchedAppeals(first: 50) { totalCount edges { node { id number status } } } } }`,
};

/** Creates, approves and publishes an announcement as a ЦУР specialist. */
export async function publishNew(t: TestApp, token: string, input: Record<string, unknown>) {
  const created = await ok(t, A.create, { input }, token);
  const approved = await ok(t, A.approve, { id: created.id, v: created.version }, token);
  return ok(t, A.publish, { id: approved.id, v: approved.version }, token);
}

export async function municipalityId(t: TestApp, code: string): Promise<string> {
  const [row] = await t.em().execute('select id from municipality where code = ?', [code]);
  return row.id as string;
}
