export * from './reference-types.js';
export { mariElMunicipalities } from './mari-el-municipalities.js';
export { mariElOrganizations, SECTOR_CODES } from './mari-el-organizations.js';
