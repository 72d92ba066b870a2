import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { User } from '../entities/user.entity.js';

export enum ActorKind {
  USER = 'USER',
  CHANNEL = 'CHANNEL',
  SYSTEM = 'SYSTEM',
}
registerEnumType(ActorKind, { name: 'ActorKind', description: 'Кто действовал: пользователь, канал или система' });

@ObjectType({ description: 'Кто совершил действие: пользователь, канал поступления или система (например, контроль сроков)' })
export class EventActor {
  @Field(() => ActorKind) kind!: ActorKind;
  @Field(() => String, { description: 'ФИО пользователя, код канала или имя системного процесса' }) label!: string;
  @Field(() => User, { nullable: true }) user!: User | null;
}
