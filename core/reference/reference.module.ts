import type { FeatureModule } from '../auth/feature-module.js';
import { Municipality } from '../entities/municipality.entity.js';
import { Sector } from '../entities/sector.entity.js';
import { Category } from '../entities/category.entity.js';
import { Organization } from '../entities/organization.entity.js';
import { ReferenceVersion } from '../entities/reference-version.entity.js';
import { OrganizationResolver } from './organization.resolver.js';
import { CategoryResolver, SectorResolver } from './sector.resolver.js';
import { referenceAccess } from './reference.access.js';

/** Reference data: municipalities, bodies, sectors and categories (loaded from the region pack and the plugins). */
export const referenceModule: FeatureModule = {
  name: 'reference',
  entities: [Municipality, Sector, Category, Organization, ReferenceVersion],
  resolvers: [OrganizationResolver, SectorResolver, CategoryResolver],
  access: referenceAccess,
};
