import { Field, ID, InputType } from 'type-graphql';
import { DateTime } from '../graphql/date-time.scalar.js';
import { AnnouncementKind, AnnouncementStatus } from './announcement-enums.js';

@InputType({ description: 'Кому адресовано объявление; хотя бы одно условие обязательно' })
export class AnnouncementAudienceInput {
  @Field(() => [ID], { nullable: true, description: 'Муниципалитеты' })
  municipalityIds?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Населённые пункты (из справочника муниципалитета)' })
  settlements?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Улицы или адреса («ул. Панфилова», «ул. Советская, 5»); только вместе с муниципалитетом' })
  streets?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Коды отраслевых блоков' })
  sectors?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Коды рубрик' })
  categories?: string[] | null;

  @Field(() => ID, { nullable: true, description: 'Системная проблема: её рубрика и место, если не указаны свои' })
  problemId?: string | null;
}

@InputType({ description: 'Новое объявление (создаётся черновиком)' })
export class AnnouncementInput {
  @Field(() => AnnouncementKind, { description: 'Вид объявления' })
  kind!: AnnouncementKind;

  @Field(() => String, { description: 'Заголовок, до 300 символов' })
  title!: string;

  @Field(() => String, { description: 'Текст, до 10 000 символов' })
  body!: string;

  @Field(() => ID, { nullable: true, description: 'Орган, от имени которого объявление (для оператора органа — его орган)' })
  organizationId?: string | null;

  @Field(() => DateTime, { description: 'Действует с' })
  validFrom!: Date;

  @Field(() => DateTime, { nullable: true, description: 'Действует до; не раньше начала' })
  validTo?: Date | null;

  @Field(() => AnnouncementAudienceInput, { description: 'Аудитория' })
  audience!: AnnouncementAudienceInput;
}

@InputType({ description: 'Отбор объявлений' })
export class AnnouncementFilter {
  @Field(() => [AnnouncementStatus], { nullable: true, description: 'Статусы' })
  status?: AnnouncementStatus[] | null;

  @Field(() => [AnnouncementKind], { nullable: true, description: 'Виды' })
  kind?: AnnouncementKind[] | null;

  @Field(() => ID, { nullable: true, description: 'Адресованные этому муниципалитету (или всему региону)' })
  municipalityId?: string | null;

  @Field(() => DateTime, { nullable: true, description: 'Действующие в этот момент' })
  activeAt?: Date | null;

  @Field(() => ID, { nullable: true, description: 'От имени этого органа' })
  organizationId?: string | null;
}
