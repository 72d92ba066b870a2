import { Entity, Index, ManyToOne, PrimaryKeyProp, type Ref } from '@mikro-orm/core';
import { Problem } from './problem.entity.js';
import { Appeal } from './appeal.entity.js';

/** Which appeals make up a problem (an appeal may belong to several over time). */
@Entity({ tableName: 'problem_appeal' })
@Index({ properties: ['appeal'] })
export class ProblemAppeal {
  [PrimaryKeyProp]?: ['problem', 'appeal'];

  @ManyToOne(() => Problem, { primary: true, ref: true, deleteRule: 'cascade' })
  problem!: Ref<Problem>;

  @ManyToOne(() => Appeal, { primary: true, ref: true, deleteRule: 'cascade' })
  appeal!: Ref<Appeal>;
}
