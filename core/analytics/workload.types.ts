import { Field, Float, Int, ObjectType } from 'type-graphql';
import { registerEnum } from '../graphql/register-enum.js';

export enum WorkloadKind {
  SPECIALIST = 'SPECIALIST',
  SECTOR = 'SECTOR',
}
registerEnum(WorkloadKind, 'WorkloadKind', 'Строка нагрузки: по специалисту или по отраслевому блоку', {
  SPECIALIST: 'Один специалист (поле specialist)',
  SECTOR: 'Отраслевой блок целиком (поле sector)',
});

/** Workload accounting and the staffing proposal (the decree, clause 9). */
@ObjectType({ description: 'Нагрузка специалиста или отраслевого блока и предложение по штату' })
export class WorkloadRow {
  @Field(() => WorkloadKind, { description: 'Строка специалиста или блока' }) kind!: WorkloadKind;
  /** Resolved through the loaders. */
  specialistId!: string | null;
  sectorId!: string | null;
  @Field(() => String, { description: 'ФИО специалиста или название блока' }) name!: string;
  @Field(() => Int, { description: 'Открыто (ответ ещё не дан)' }) open!: number;
  @Field(() => Int, { description: 'В работе' }) inWork!: number;
  @Field(() => Int, { description: 'Просрочено' }) overdue!: number;
  @Field(() => Int, { description: 'Ответов за период' }) answered!: number;
  @Field(() => Float, { nullable: true, description: 'Среднее время рассмотрения отвеченных за период, ч' }) avgHandlingHours!: number | null;
  @Field(() => Int, { nullable: true, description: 'Открытых без исполнителя (блок)' }) unassigned!: number | null;
  @Field(() => Int, { nullable: true, description: 'Специалистов работает (блок)' }) specialistsPresent!: number | null;
  @Field(() => Int, { nullable: true, description: 'Специалистов нужно по норме (блок)' }) specialistsNeeded!: number | null;
  @Field(() => Float, { description: 'Норма: открытых обращений на специалиста' }) norm!: number;
  @Field(() => Float, { nullable: true, description: 'Открытых на одного работающего специалиста' }) openPerSpecialist!: number | null;
  @Field(() => String, { nullable: true, description: 'Предложение по штату или нагрузке' }) proposal!: string | null;
}
