import { Entity, Enum, ManyToOne, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { DeadlineState } from './enums.js';
import { Appeal } from './appeal.entity.js';

/**
 * That an appeal's deadline crossed into AT_RISK or OVERDUE, written by the
 * deadline watcher. The unique key makes the alert exactly-once per appeal,
 * state and deadline, however many processes watch at once; an extended
 * deadline is a new deadline and is watched anew.
 */
@Entity({ tableName: 'deadline_alert' })
@Unique({ properties: ['appeal', 'state', 'dueAt'] })
export class DeadlineAlertRecord {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Appeal, { ref: true })
  appeal!: Ref<Appeal>;

  @Enum({ items: () => DeadlineState, nativeEnumName: 'deadline_state' })
  state!: DeadlineState;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  dueAt!: Date;

  /** When the watcher saw the crossing. */
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  at!: Date;
}
