import { Municipality } from './municipality.entity.js';
import { Sector } from './sector.entity.js';
import { Category } from './category.entity.js';
import { Organization } from './organization.entity.js';
import { User } from './user.entity.js';
import { Appeal } from './appeal.entity.js';
import { AppealEvent } from './appeal-event.entity.js';
import { ProductionCalendarYear } from './production-calendar-year.entity.js';
import { AppealResponse } from './response.entity.js';
import { DeadlineAlertRecord } from './deadline-alert.entity.js';
import { ApiKey } from './api-key.entity.js';
import { PersonalDataAccess } from './personal-data-access.entity.js';
import { Problem } from './problem.entity.js';
import { ProblemAppeal } from './problem-appeal.entity.js';
import { ReferenceVersion } from './reference-version.entity.js';

export {
  Municipality,
  Sector,
  Category,
  Organization,
  User,
  Appeal,
  AppealEvent,
  ProductionCalendarYear,
  AppealResponse,
  DeadlineAlertRecord,
  ApiKey,
  PersonalDataAccess,
  Problem,
  ProblemAppeal,
  ReferenceVersion,
};
export * from './enums.js';
