import { Field, ObjectType } from 'type-graphql';
import { User } from '../entities/user.entity.js';
import { registerEnum } from '../graphql/register-enum.js';

export enum ActorKind {
  USER = 'USER',
  CHANNEL = 'CHANNEL',
  SYSTEM = 'SYSTEM',
}
registerEnum(ActorKind, 'ActorKind', 'Кто действовал: пользователь, канал или система', {
  USER: 'Пользователь API (поле user)',
  CHANNEL: 'Канал поступления (адаптер интеграции)',
  SYSTEM: 'Сама система: контроль сроков, оценка автора по ссылке',
});

@ObjectType({ description: 'Кто совершил действие: пользователь, канал поступления или система (например, контроль сроков)' })
export class EventActor {
  @Field(() => ActorKind, { description: 'Кто действовал' }) kind!: ActorKind;
  @Field(() => String, { description: 'ФИО пользователя, код канала или имя системного процесса' }) label!: string;
  @Field(() => User, { nullable: true, description: 'Пользователь (для USER); null для канала и системы' }) user!: User | null;
}
