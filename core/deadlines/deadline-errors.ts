/**
 * Typed errors of the deadline engine. They are plain Errors (the engine is
 * pure and knows nothing of GraphQL); the API layer maps them by `code`:
 * extension errors to CONFLICT / BAD_USER_INPUT, the others to BAD_USER_INPUT.
 */
export type DeadlineExtensionReason = 'TOO_LONG' | 'ALREADY_EXTENDED' | 'INVALID_DAYS';

/** 59-ФЗ ст. 12 ч. 2 allows one extension of at most 30 days. */
export class DeadlineExtensionError extends Error {
  readonly code = 'DEADLINE_EXTENSION_REFUSED';
  constructor(
    readonly reason: DeadlineExtensionReason,
    message: string,
  ) {
    super(message);
    this.name = 'DeadlineExtensionError';
  }
}

/** A channel the deadline policy has no entry for: no deadline is guessed. */
export class UnknownChannelError extends Error {
  readonly code = 'UNKNOWN_CHANNEL';
  constructor(readonly channel: string) {
    super(`Нет правил сроков для канала ${channel} (no deadline policy for channel ${channel})`);
    this.name = 'UnknownChannelError';
  }
}

/** Malformed input: an invalid date, a negative pause, a bad duration. */
export class DeadlineInputError extends Error {
  readonly code = 'DEADLINE_INPUT_INVALID';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'DeadlineInputError';
  }
}
