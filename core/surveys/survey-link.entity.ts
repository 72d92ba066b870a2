import { Entity, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Survey } from './survey.entity.js';

/**
 * A one-use link to answer a survey without an account. Only the SHA-256 of
 * its random token is kept: the token itself is shown once, when issued, so
 * a copy of the database holds no usable link and no secret is needed to
 * check one. Nothing here names the person a link was issued for.
 */
@Entity({ tableName: 'survey_link' })
@Index({ properties: ['survey', 'usedAt'] })
export class SurveyLink {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Survey, { ref: true })
  survey!: Ref<Survey>;

  /** hex SHA-256 of the token. */
  @Property({ type: 'text', unique: true })
  tokenHash!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  expiresAt!: Date;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  usedAt?: Date | null;

  /** Issued to the authors of appeals in the audience (not a bare count). */
  @Property({ type: 'boolean', default: false })
  forAudience: boolean = false;
}
