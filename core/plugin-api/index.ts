/**
 * The one module a sector plugin may import from the core.
 * Everything a plugin needs is re-exported here; nothing else in core/ is
 * part of the contract.
 */
export * from './plugin-types.js';
export { defineSectorPlugin } from './define-sector-plugin.js';
