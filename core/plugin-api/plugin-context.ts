import type { RequestContext } from '../auth/request-context.js';

/**
 * What a plugin's resolver gets (`@Ctx() ctx: PluginContext`): the caller, a
 * request-scoped EntityManager, the request's loaders and clock. Not the
 * app's services: a plugin reaches the core only through this API (the
 * helpers below take this context), so the core's services can change
 * without touching a plugin. The core hands its full request context, of
 * which this is a part.
 */
export type PluginContext = Pick<RequestContext, 'em' | 'user' | 'loaders' | 'clock' | 'requestId'>;
