export * from './reference-types.js';
