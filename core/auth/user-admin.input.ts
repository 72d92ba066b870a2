import { Field, ID, InputType } from 'type-graphql';
import { Role } from '../entities/enums.js';

@InputType({ description: 'Новый пользователь' })
export class CreateUserInput {
  @Field(() => String, { description: 'E-mail: логин для входа, уникален' }) email!: string;
  @Field(() => String, { description: 'ФИО' }) fullName!: string;
  @Field(() => Role, { description: 'Роль' }) role!: Role;
  @Field(() => ID, { nullable: true, description: 'Организация; обязательна для ORG_OPERATOR' }) organizationId?: string | null;
  @Field(() => [String], { nullable: true, description: 'Коды отраслевых блоков; обязательны для SECTOR_* и MINISTRY_OBSERVER' })
  sectors?: string[] | null;
  @Field(() => String, { description: 'Начальный пароль: не короче 8 символов, не равен e-mail' }) password!: string;
}

@InputType({ description: 'Изменения пользователя; не указанные поля не меняются' })
export class UpdateUserInput {
  @Field(() => String, { nullable: true, description: 'Новое ФИО' }) fullName?: string | null;
  @Field(() => Role, { nullable: true, description: 'Новая роль' }) role?: Role | null;
  @Field(() => ID, { nullable: true, description: 'null — снять привязку к организации' }) organizationId?: string | null;
  @Field(() => [String], { nullable: true, description: 'Коды отраслевых блоков (для отраслевых ролей)' }) sectors?: string[] | null;
  @Field(() => Boolean, { nullable: true, description: 'false — заблокировать вход (действующие токены отзываются)' }) active?: boolean | null;
  @Field(() => String, { nullable: true, description: 'Новый пароль (сброс администратором)' }) password?: string | null;
}

@InputType({ description: 'Отбор пользователей' })
export class UserFilter {
  @Field(() => [Role], { nullable: true, description: 'Роли (любая из)' }) role?: Role[] | null;
  @Field(() => ID, { nullable: true, description: 'Организация' }) organizationId?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Только действующие (true) или только заблокированные (false)' }) active?: boolean | null;
  @Field(() => String, { nullable: true, description: 'Поиск по e-mail и ФИО' }) search?: string | null;
}
