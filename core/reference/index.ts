export * from '../entities/reference-types.js';
