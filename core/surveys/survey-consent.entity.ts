import { Entity, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Appeal } from '../entities/appeal.entity.js';
import { User } from '../entities/user.entity.js';

/**
 * A resident's answer to "may the ЦУР ask you to take part in its surveys?",
 * per contact (`email:…` or `phone:…`, the keys of the appeals and of the
 * outbox). A purpose of its own (152-ФЗ art. 9): consent to notices about an
 * appeal (`appeal.author_notify_consent`) is not consent to be polled.
 * Recorded with the appeal it was given on, when and by whom; a withdrawal
 * keeps the row with `consent = false`. An opt-out through any message's link
 * (notification_contact) stops invitations too.
 */
@Entity({ tableName: 'survey_consent' })
export class SurveyConsent {
  @PrimaryKey({ type: 'text' })
  contactKey!: string;

  @Property({ type: 'boolean' })
  consent!: boolean;

  @ManyToOne(() => Appeal, { ref: true, nullable: true })
  appeal?: Ref<Appeal> | null;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  recordedAt!: Date;

  @ManyToOne(() => User, { ref: true, nullable: true })
  recordedBy?: Ref<User> | null;
}
