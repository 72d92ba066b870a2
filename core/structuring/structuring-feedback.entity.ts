import { Entity, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Appeal } from '../entities/appeal.entity.js';
import type { StructuringSuggestion } from './structurer.js';

/**
 * What a ЦУР specialist chose for an appeal the structurer left to them, beside what the
 * structurer had suggested: material for retraining (`npm run structuring:train -- --feedback`).
 * Goes with its appeal (a deleted appeal's text is not kept here).
 */
@Entity({ tableName: 'structuring_feedback' })
@Index({ properties: ['at'] })
export class StructuringFeedback {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Appeal, { ref: true, deleteRule: 'cascade' })
  appeal!: Ref<Appeal>;

  /** The appeal's text as it was structured. */
  @Property({ type: 'text' })
  text!: string;

  /** The structurer's suggestions and its rule at intake (null for appeals registered before suggestions). */
  @Property({ type: 'json', nullable: true })
  suggested?: { suggestions: StructuringSuggestion[]; rule: string | null; confidence: number | null } | null;

  @Property({ type: 'text' })
  chosenSector!: string;

  @Property({ type: 'text' })
  chosenCategory!: string;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  at!: Date;
}
