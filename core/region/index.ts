/** A region as data (docs/regions.md): the pack's files, their validation, and writing them into the reference tables. */
export { loadRegionPack, type RegionPack } from './region-pack.loader.js';
export { resolveRegionPackDir, readRegionInfo, DEFAULT_REGION_PACK, REPO_ROOT } from './region-files.js';
export { RegionPackError } from './region-pack-error.js';
export { loadRegion } from './region-load.js';
export { applyRegionPack, describeChanges, type RegionLoadReport, type TableChanges } from './region-pack.store.js';
export { regionFileSchema, municipalityRowSchema, organizationRowSchema, type RegionInfo } from './region-pack.schema.js';
export { DEMO_FILES, type DemoAnnouncement, type DemoHotSpot, type DemoQuestion, type DemoSurvey, type DemoUserRow, type RegionDemo } from './region-demo.js';
export { regionTables, rowFields, loadSectorTables, type RegionTables, type TableSchemas } from './sector-tables.js';
export { loadPackTables } from './region-pack.loader.js';
export { bodyOfRole } from './region-pack.roles.js';
