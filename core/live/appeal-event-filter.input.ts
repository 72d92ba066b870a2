import { Field, ID, InputType } from 'type-graphql';
import { AppealStatus } from '../entities/enums.js';
import { StoredAppealEventType } from '../entities/appeal-event-type.js';

@InputType({ description: 'Отбор событий подписки: внутри списка — любое из значений, списки — все вместе' })
export class AppealEventFilter {
  @Field(() => [String], { nullable: true, description: 'Коды отраслевых блоков' })
  sector?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Ответственные организации (точно эти, без подчинённых)' })
  organizationId?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Муниципальные образования (любое из)' })
  municipalityId?: string[] | null;

  @Field(() => [AppealStatus], { nullable: true, description: 'Статус обращения после события' })
  status?: AppealStatus[] | null;

  @Field(() => [StoredAppealEventType], { nullable: true, description: 'Виды событий (любой из)' })
  type?: StoredAppealEventType[] | null;
}
