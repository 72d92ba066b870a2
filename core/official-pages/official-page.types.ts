import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateTime } from '../graphql/date-time.scalar.js';
import { OfficialPage } from './official-page.entity.js';
import { Organization } from '../entities/organization.entity.js';
import { RatingPartValue } from '../analytics/ratings.types.js';

@InputType({ description: 'Комментарий или сообщение жителя на официальной странице органа' })
export class OfficialPageCommentInput {
  @Field(() => ID, { description: 'Официальная страница' }) pageId!: string;
  @Field(() => String, { description: 'Идентификатор комментария на площадке (уникален в пределах страницы)' }) commentId!: string;
  @Field(() => String, { nullable: true, description: 'Идентификатор публикации, под которой оставлен комментарий' }) postId?: string | null;
  @Field(() => String, { nullable: true, description: 'Имя автора на площадке' }) authorHandle?: string | null;
  @Field(() => String, { description: 'Текст комментария' }) text!: string;
  @Field(() => DateTime, { description: 'Когда комментарий опубликован' }) postedAt!: Date;
}

@InputType({ description: 'Публикация органа на официальной странице' })
export class OfficialPagePostInput {
  @Field(() => ID, { description: 'Официальная страница' }) pageId!: string;
  @Field(() => String, { description: 'Идентификатор публикации на площадке' }) postId!: string;
  @Field(() => DateTime, { description: 'Когда опубликовано' }) publishedAt!: Date;
  @Field(() => String, { nullable: true, description: 'Заголовок или начало текста' }) title?: string | null;
}

@ObjectType({ description: 'Публикация органа на официальной странице' })
export class OfficialPagePostRecord {
  @Field(() => ID, { description: 'Идентификатор записанной публикации (UUID)' }) id!: string;
  @Field(() => ID, { description: 'Официальная страница' }) pageId!: string;
  @Field(() => String, { description: 'Идентификатор публикации на площадке' }) postId!: string;
  @Field(() => DateTime, { description: 'Когда опубликовано' }) publishedAt!: Date;
  @Field(() => Boolean, { description: 'false — такая публикация уже была учтена' }) created!: boolean;
}

@ObjectType({ description: 'Показатели официальной страницы за период' })
export class OfficialPageMetrics {
  @Field(() => Int, { description: 'Комментариев жителей получено' }) comments!: number;
  @Field(() => Int, { description: 'Из них дан ответ' }) answered!: number;
  @Field(() => Float, { nullable: true, description: 'Доля комментариев с ответом (null — комментариев не было)' }) answeredShare!: number | null;
  @Field(() => Int, { description: 'Ответ дан в срок' }) answeredOnTime!: number;
  @Field(() => Float, { nullable: true, description: 'Медианное время ответа, ч' }) medianAnswerHours!: number | null;
  @Field(() => Int, { description: 'Публикаций органа за период (включая опубликованные объявления)' }) posts!: number;
  @Field(() => DateTime, { nullable: true, description: 'Последняя активность органа на странице (публикация или ответ) до конца периода' })
  lastActivityAt!: Date | null;
  @Field(() => Int, { description: 'Дней без активности на конец периода (или на сегодня, если период не закончился)' }) daysSinceLastActivity!: number;
  @Field(() => Boolean, { description: 'Страница подтверждена площадкой (отметка госпаблика)' }) verified!: boolean;
}

@ObjectType({ description: 'Строка рейтинга официальных страниц: страница и её орган, с частями оценки' })
export class OfficialPageRatingRow {
  @Field(() => Int, { nullable: true, description: 'Место страницы; null — слишком мало комментариев для места' }) rank!: number | null;
  @Field(() => Float, { nullable: true, description: 'Оценка страницы 0..100' }) score!: number | null;
  @Field(() => OfficialPage, { description: 'Страница' }) page!: OfficialPage;
  @Field(() => Organization, { description: 'Орган, который ведёт страницу' }) organization!: Organization;
  @Field(() => OfficialPageMetrics, { description: 'Показатели страницы за период' }) metrics!: OfficialPageMetrics;
  @Field(() => [RatingPartValue], { description: 'Части оценки страницы с их цифрами' }) parts!: RatingPartValue[];
  @Field(() => Int, { nullable: true, description: 'Место органа по всем его страницам; null — мало комментариев' }) organizationRank!: number | null;
  @Field(() => Float, { nullable: true, description: 'Оценка органа по всем его страницам 0..100' }) organizationScore!: number | null;
}

@ObjectType({ description: 'Молчащая официальная страница: задача координации для ЦУР' })
export class SilentOfficialPage {
  @Field(() => OfficialPage, { description: 'Страница' }) page!: OfficialPage;
  @Field(() => Organization, { description: 'Орган' }) organization!: Organization;
  @Field(() => DateTime, { nullable: true, description: 'Последняя активность (публикация или ответ); null — не было' }) lastActivityAt!: Date | null;
  @Field(() => Int, { description: 'Дней без активности' }) silentDays!: number;
  @Field(() => String, { description: 'Задача координации' }) task!: string;
}
