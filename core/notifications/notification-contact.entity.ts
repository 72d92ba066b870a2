import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * A resident's contact as far as notices go: the opt-out token's hash (the
 * token itself is never stored: it is an HMAC of the contact key, derived
 * again when a message is sent) and when the resident opted out. Consent is
 * given per appeal (`appeal.author_notify_consent`); an opt-out here covers
 * every appeal with this contact.
 */
@Entity({ tableName: 'notification_contact' })
export class NotificationContact {
  /** `email:<lower-case address>` or `phone:<digits>`. */
  @PrimaryKey({ type: 'text' })
  contactKey!: string;

  @Property({ type: 'text', unique: true })
  tokenHash!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  optedOutAt?: Date | null;
}
