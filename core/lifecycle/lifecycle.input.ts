import { Field, ID, InputType, Int } from 'type-graphql';
import { AnswerResult } from '../entities/enums.js';

@InputType({ description: 'Вложение ответа: только сведения о файле' })
export class AttachmentInput {
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) url?: string | null;
  @Field(() => String, { nullable: true }) mimeType?: string | null;
  @Field(() => Int, { nullable: true }) sizeBytes?: number | null;
}

@InputType({ description: 'Ответ органа на обращение' })
export class AnswerInput {
  @Field(() => String) text!: string;
  @Field(() => AnswerResult) result!: AnswerResult;
  @Field(() => [AttachmentInput], { nullable: true }) attachments?: AttachmentInput[] | null;
}

@InputType({ description: 'Ручная структуризация обращения специалистом ЦУР' })
export class StructureAppealInput {
  @Field(() => String, { nullable: true }) sector?: string | null;
  @Field(() => String) category!: string;
  @Field(() => ID, { nullable: true }) municipalityId?: string | null;
  @Field(() => String, { nullable: true }) summary?: string | null;
}
