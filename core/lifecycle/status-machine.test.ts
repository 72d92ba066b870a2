import { describe, expect, it } from 'vitest';
import { AppealStatus, Role } from '../entities/enums.js';
import { errorCode } from '../errors/errors.js';
import { allowedActions, AppealAction, resolveTransition, SYSTEM, TRANSITIONS } from './status-machine.js';

const ALL_ACTORS = [...Object.values(Role), SYSTEM];
const NOW = new Date('2026-03-02T09:00:00Z');

describe('the status machine table', () => {
  it('reaches every status from NEW', () => {
    const reached = new Set<AppealStatus>([AppealStatus.NEW]);
    for (let changed = true; changed;) {
      changed = false;
      for (const t of TRANSITIONS) {
        const to = t.to;
        if (to && t.from.some((f) => reached.has(f)) && !reached.has(to)) {
          reached.add(to);
          changed = true;
        }
      }
    }
    expect([...reached].sort()).toEqual(Object.values(AppealStatus).sort());
  });

  it('leaves every status by some action (closed and rejected only by rating or reopening)', () => {
    for (const status of Object.values(AppealStatus)) {
      const out = TRANSITIONS.filter((t) => t.from.includes(status) && t.to && t.to !== status).map((t) => t.action);
      expect(out.length, status).toBeGreaterThan(0);
    }
    expect(allowedActions({ status: AppealStatus.REJECTED }, Role.CENTER_SPECIALIST, NOW)).toEqual([AppealAction.REOPEN]);
  });

  it('has one row per action, status and actor', () => {
    for (const actor of ALL_ACTORS) {
      for (const status of Object.values(AppealStatus)) {
        for (const action of Object.values(AppealAction)) {
          const rows = TRANSITIONS.filter((t) => t.action === action && t.from.includes(status) && t.by.includes(actor));
          expect(rows.length, `${actor} ${action} from ${status}`).toBeLessThanOrEqual(1);
        }
      }
    }
  });

  it('keeps duties apart: bodies answer, the ЦУР reviews; analysts, observers and integrations do nothing', () => {
    expect(resolveTransition({ status: AppealStatus.IN_PROGRESS }, AppealAction.ANSWER, Role.ORG_OPERATOR, NOW).toStatus).toBe(AppealStatus.ON_REVIEW);
    expect(resolveTransition({ status: AppealStatus.ON_REVIEW }, AppealAction.REVIEW_ACCEPT, Role.CENTER_SPECIALIST, NOW).toStatus).toBe(AppealStatus.ANSWERED);
    expect(resolveTransition({ status: AppealStatus.ON_REVIEW }, AppealAction.REVIEW_RETURN, Role.SECTOR_SPECIALIST, NOW).toStatus).toBe(
      AppealStatus.IN_PROGRESS,
    );
    expect(errorCode(catchError(() => resolveTransition({ status: AppealStatus.IN_PROGRESS }, AppealAction.ANSWER, Role.CENTER_SPECIALIST, NOW)))).toBe(
      'FORBIDDEN',
    );
    expect(errorCode(catchError(() => resolveTransition({ status: AppealStatus.ON_REVIEW }, AppealAction.REVIEW_ACCEPT, Role.ORG_OPERATOR, NOW)))).toBe(
      'FORBIDDEN',
    );
    for (const role of [Role.ANALYST, Role.MINISTRY_OBSERVER, Role.INTEGRATION, Role.CURATOR]) {
      for (const status of Object.values(AppealStatus)) expect(allowedActions({ status }, role, NOW), `${role} ${status}`).toEqual([]);
    }
  });

  it('answers an action the status does not allow with CONFLICT and the allowed actions', () => {
    const error = catchError(() => resolveTransition({ status: AppealStatus.ASSIGNED }, AppealAction.ANSWER, Role.ORG_OPERATOR, NOW));
    expect(errorCode(error)).toBe('CONFLICT');
    expect((error as any).extensions.allowed).toEqual([
      AppealAction.ASSIGN,
      AppealAction.REDIRECT,
      AppealAction.EXTEND,
      AppealAction.START_WORK,
      AppealAction.PAUSE,
    ]);
  });

  it('pauses only a running clock and resumes only a paused one', () => {
    const running = { status: AppealStatus.IN_PROGRESS, pausedAt: null };
    const stopped = { status: AppealStatus.IN_PROGRESS, pausedAt: new Date() };
    expect(allowedActions(running, Role.ORG_OPERATOR, NOW)).toContain(AppealAction.PAUSE);
    expect(allowedActions(running, Role.ORG_OPERATOR, NOW)).not.toContain(AppealAction.RESUME);
    expect(allowedActions(stopped, Role.ORG_OPERATOR, NOW)).toContain(AppealAction.RESUME);
    expect(errorCode(catchError(() => resolveTransition(stopped, AppealAction.PAUSE, Role.ORG_OPERATOR, NOW)))).toBe('CONFLICT');
  });

  it('sends a negative rating back to work and a positive one to closed', () => {
    expect(resolveTransition({ status: AppealStatus.ANSWERED }, AppealAction.RATE_NEGATIVE, SYSTEM, NOW).toStatus).toBe(AppealStatus.REOPENED);
    expect(resolveTransition({ status: AppealStatus.ANSWERED }, AppealAction.RATE, SYSTEM, NOW).toStatus).toBe(AppealStatus.CLOSED);
    expect(resolveTransition({ status: AppealStatus.CLOSED }, AppealAction.RATE_NEGATIVE, Role.CENTER_HEAD, NOW).toStatus).toBe(AppealStatus.REOPENED);
  });
});

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
