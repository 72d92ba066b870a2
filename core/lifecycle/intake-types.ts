import type { SectorPlugin } from '../plugin-api/index.js';
import type { AppealStatus, Channel } from '../entities/enums.js';
import type { AppealEventTypeName } from '../entities/appeal-event-type.js';
import type { EntryNotice } from '../events/appeal-transaction.js';

/** One appeal as a channel hands it in (the GraphQL RegisterAppealInput, or a channel adapter's call). */
export interface AppealIntake {
  channel: Channel | string;
  externalId?: string | null;
  text: string;
  receivedAt: Date | string;
  fz59?: boolean | null;
  summary?: string | null;
  author?: { name?: string | null; email?: string | null; phone?: string | null; address?: string | null; notifyConsent?: boolean | null } | null;
  address?: string | null;
  location?: { latitude: number; longitude: number } | null;
  municipalityId?: string | null;
  sector?: string | null;
  category?: string | null;
  details?: unknown;
  /** The responsible body, when the channel already knows it; skips routing. */
  organizationId?: string | null;
  /** The body the appeal complains about (59-ФЗ art. 8 part 6). */
  complaintAgainstOrganizationId?: string | null;
  sourceStatus?: string | null;
  raw?: unknown;
  /** A resident's comment on a body's official page: its own answer term (deadline policy `officialPageComment`) is folded in. */
  officialPageComment?: boolean;
}

export interface PlannedEvent {
  type: AppealEventTypeName;
  fromStatus: AppealStatus | null;
  toStatus: AppealStatus | null;
  reason?: string | null;
  data?: Record<string, unknown> | null;
  /** The author's notice, queued by the same statement (an announcement's answer at intake). */
  notice?: EntryNotice;
}

/** An appeal validated, structured, routed and given its deadline, ready to insert. */
export interface PreparedAppeal {
  id: string;
  channel: Channel;
  externalId: string | null;
  receivedAt: Date;
  categoryId: string | null;
  keys: { email: string | null; phone: string | null; address: string | null };
  /** The appeal's columns (appeal-table.ts); jsonb columns hold the value itself (not yet JSON text). */
  columns: Record<string, unknown>;
  events: PlannedEvent[];
  details: { plugin: SectorPlugin; value: unknown } | null;
}
