import type { FeatureModule } from '../auth/feature-module.js';
import { Role } from '../entities/enums.js';
import { CENTER, READERS } from '../auth/access-matrix.js';
import { Seminar, SeminarAttendance } from './seminar.entity.js';
import { OrganizationSeminarsResolver, TrainingResolver } from './training.resolver.js';
import { seedTrainingDemo } from './training.demo.js';
import type { CoreServices } from '../config/core-services.js';

/** Educational seminars for the bodies' specialists (the decree, clause 8), with attendance. */
export const trainingModule: FeatureModule<CoreServices> = {
  name: 'training',
  entities: [Seminar, SeminarAttendance],
  resolvers: [TrainingResolver, OrganizationSeminarsResolver],
  access: {
    'Query.seminars': READERS,
    'Mutation.createSeminar': [...CENTER, Role.SECTOR_LEAD],
    'Mutation.recordAttendance': [...CENTER, Role.SECTOR_LEAD],
  },
  seedDemo: seedTrainingDemo,
};
