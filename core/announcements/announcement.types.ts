import { Field, ID, ObjectType } from 'type-graphql';
import { connectionType } from '../graphql/pagination.js';
import { Announcement } from './announcement.entity.js';

@ObjectType({ description: 'Аудитория объявления' })
export class AnnouncementAudience {
  @Field(() => [ID], { description: 'Муниципалитеты (пусто — весь регион)' }) municipalityIds!: string[];
  @Field(() => [String], { description: 'Населённые пункты' }) settlements!: string[];
  @Field(() => [String], { description: 'Улицы или адреса, как указаны' }) streets!: string[];
  @Field(() => [String], { description: 'Коды отраслевых блоков' }) sectors!: string[];
  @Field(() => [String], { description: 'Коды рубрик' }) categories!: string[];
  @Field(() => ID, { nullable: true, description: 'Системная проблема' }) problemId!: string | null;
}

export const AnnouncementConnection = connectionType(Announcement, 'Announcement');
