/** The connection a subscription runs on is the request context's (core/auth/request-context.ts). */
export type { LiveConnection } from '../auth/request-context.js';

/** RFC 6455 1013 "Try Again Later": the client did not read its events fast enough. */
export const SLOW_SUBSCRIBER_CLOSE_CODE = 1013;
export const SLOW_SUBSCRIBER_REASON = 'subscriber too slow';
