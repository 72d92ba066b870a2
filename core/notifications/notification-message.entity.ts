import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

/**
 * One message's content, written once however many recipients it has (an
 * announcement to 50,000 residents is one row here and 50,000 small rows in
 * the outbox). `{{optOutUrl}}` in the text is replaced per recipient when sent.
 */
@Entity({ tableName: 'notification_message' })
@Unique({ properties: ['source', 'sourceId'] })
export class NotificationMessage {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** What caused it: `announcement`, `appeal-event`. */
  @Property({ type: 'text' })
  source!: string;

  /** The announcement's or the audit entry's id. */
  @Property({ type: 'uuid' })
  sourceId!: string;

  @Property({ type: 'text' })
  subject!: string;

  @Property({ type: 'text' })
  body!: string;

  /** A short form for SMS. */
  @Property({ type: 'text' })
  shortText!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt!: Date;
}
