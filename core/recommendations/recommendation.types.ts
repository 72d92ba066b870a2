import { Field, Float, ObjectType } from 'type-graphql';
import { JsonScalar } from '../graphql/json.scalar.js';
import { Organization } from '../entities/organization.entity.js';
import { Municipality } from '../entities/municipality.entity.js';
import { Category } from '../entities/category.entity.js';
import type { Sql } from '../db/sql.js';

/** A recommendation to one body; `organization`, `appeals`, `pages` and `seminar` resolve through loaders. */
@ObjectType({ description: 'Рекомендация органу: что сделать, почему, на каких цифрах и обращениях это видно' })
export class Recommendation {
  organizationId!: string;
  appealIds!: string[];
  /** The appeals as a condition over `appeal as a`, when the rule gave one instead of ids. */
  appealCondition!: Sql | null;
  pageIds!: string[];
  seminarId!: string | null;

  @Field(() => Organization, { nullable: true, description: 'Орган' }) organization?: Organization | null;
  @Field(() => String, { description: 'Код правила (и темы семинара, который на него отвечает)' }) code!: string;
  @Field(() => String, { description: 'Причина с цифрами' }) reason!: string;
  @Field(() => String, { description: 'Что сделать' }) action!: string;
  @Field(() => JsonScalar, { description: 'Цифры, на которых основана рекомендация, и пороги правила' }) evidence!: Record<string, unknown>;
  @Field(() => Boolean, { description: 'Сотрудники органа уже были на семинаре этой темы (до конца периода)' }) seminarAttended!: boolean;
  @Field(() => String, { description: 'Откуда правило: core или код отраслевого блока' }) source!: string;
}

/** A body or municipality whose results in a category stand out. */
@ObjectType({ description: 'Лучшая практика: орган или муниципалитет с выдающимися результатами по рубрике' })
export class BestPractice {
  organizationId!: string | null;
  municipalityId!: string | null;
  categoryId!: string | null;

  @Field(() => Organization, { nullable: true, description: 'Орган' }) organization?: Organization | null;
  @Field(() => Municipality, { nullable: true, description: 'Муниципалитет' }) municipality?: Municipality | null;
  @Field(() => Category, { nullable: true, description: 'Рубрика; null — по всем рубрикам' }) category?: Category | null;
  @Field(() => String, { description: 'В чём результат выделяется: SPEED, ON_TIME, SATISFACTION' }) measure!: string;
  @Field(() => String, { description: 'Почему это лучшая практика, с цифрами' }) reason!: string;
  @Field(() => JsonScalar, { description: 'Цифры субъекта и рубрики в целом' }) figures!: Record<string, unknown>;
  @Field(() => Float, { description: 'Насколько результат лучше, чем по рубрике в целом (во сколько раз)' }) advantage!: number;
  @Field(() => [String], { description: 'Примеры принятых ответов с оценкой 4–5, без персональных данных' }) exampleAnswers!: string[];
}
