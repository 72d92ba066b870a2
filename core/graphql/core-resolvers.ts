import { AppealResolver } from '../appeals/appeal.resolver.js';
import { AuthResolver } from '../auth/auth.resolver.js';
import { UserAdminResolver } from '../auth/user-admin.resolver.js';
import { ApiKeyResolver } from '../auth/api-key.resolver.js';
import { PersonalDataLogResolver } from '../auth/personal-data-log.resolver.js';
import { OrganizationResolver } from '../reference/organization.resolver.js';
import { CategoryResolver, SectorResolver } from '../reference/sector.resolver.js';
import { AppealEventResolver } from '../events/appeal-event.resolver.js';
import { DeadlineAlertResolver, LiveResolver } from '../live/live.resolver.js';
import { OfficialPageResolver } from '../channels/official-page.resolver.js';
import { ChannelRecordResolver } from '../channels/import-job.resolver.js';
import { ChannelIntakeResolver } from '../channels/channel-intake.resolver.js';
import { IntakeResolver } from '../lifecycle/intake.resolver.js';
import { AppealActionsResolver } from '../lifecycle/appeal-actions.resolver.js';
import { SatisfactionResolver } from '../lifecycle/satisfaction.resolver.js';
import { AppealLifecycleFieldsResolver, AppealResponseFieldsResolver } from '../lifecycle/appeal-lifecycle-fields.resolver.js';
import { CalendarResolver } from '../calendar/calendar.resolver.js';
import { analyticsResolvers } from '../analytics/analytics-resolvers.js';

/** The core's resolver classes; plugins add theirs in the schema composition. */
export const coreResolvers = [
  AuthResolver, AppealResolver, OrganizationResolver, SectorResolver, CategoryResolver, OfficialPageResolver, ChannelRecordResolver,
  IntakeResolver, AppealActionsResolver, SatisfactionResolver, AppealLifecycleFieldsResolver, AppealResponseFieldsResolver, CalendarResolver,
  AppealEventResolver, LiveResolver, DeadlineAlertResolver,
  UserAdminResolver, ApiKeyResolver, PersonalDataLogResolver,
  ...analyticsResolvers,
] as const;

/** Resolvers that take channel records into the lifecycle: in the schema only when the intake is wired. */
export const intakeResolvers = [ChannelIntakeResolver] as const;
