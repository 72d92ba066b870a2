import { Field, ID, InputType, Int } from 'type-graphql';
import { AnswerResult } from '../entities/enums.js';

@InputType({ description: 'Вложение ответа: только сведения о файле' })
export class AttachmentInput {
  @Field(() => String, { description: 'Имя файла' }) name!: string;
  @Field(() => String, { nullable: true, description: 'Где файл лежит (ссылка)' }) url?: string | null;
  @Field(() => String, { nullable: true, description: 'Тип содержимого (MIME)' }) mimeType?: string | null;
  @Field(() => Int, { nullable: true, description: 'Размер, байт' }) sizeBytes?: number | null;
}

@InputType({ description: 'Ответ органа на обращение' })
export class AnswerInput {
  @Field(() => String, { description: 'Текст ответа автору' }) text!: string;
  @Field(() => AnswerResult, { description: 'Результат рассмотрения' }) result!: AnswerResult;
  @Field(() => [AttachmentInput], { nullable: true, description: 'Вложения ответа' }) attachments?: AttachmentInput[] | null;
}

@InputType({ description: 'Ручная структуризация обращения специалистом ЦУР' })
export class StructureAppealInput {
  @Field(() => String, { nullable: true, description: 'Код отраслевого блока; по умолчанию — блок рубрики' }) sector?: string | null;
  @Field(() => String, { description: 'Код рубрики' }) category!: string;
  @Field(() => ID, { nullable: true, description: 'Муниципальное образование' }) municipalityId?: string | null;
  @Field(() => String, { nullable: true, description: 'Формализованная суть обращения' }) summary?: string | null;
}
