import { registerEnumType } from 'type-graphql';
import { MunicipalityKind, OrganizationKind } from '../reference/reference-types.js';

export { MunicipalityKind, OrganizationKind };

/** Where an appeal came from (API.md). */
export enum Channel {
  POS = 'POS',
  REGIONAL_SYSTEM = 'REGIONAL_SYSTEM',
  MUNICIPAL_SYSTEM = 'MUNICIPAL_SYSTEM',
  WRITTEN = 'WRITTEN',
  EMAIL = 'EMAIL',
  PHONE = 'PHONE',
  PERSONAL_RECEPTION = 'PERSONAL_RECEPTION',
  SOCIAL_MEDIA = 'SOCIAL_MEDIA',
  MESSENGER = 'MESSENGER',
  MEDIA = 'MEDIA',
  /** A 311 client or a city app through the Open311 GeoReport v2 interface. */
  OPEN311 = 'OPEN311',
}

export enum AppealStatus {
  NEW = 'NEW',
  REGISTERED = 'REGISTERED',
  ASSIGNED = 'ASSIGNED',
  IN_PROGRESS = 'IN_PROGRESS',
  ANSWERED = 'ANSWERED',
  ON_REVIEW = 'ON_REVIEW',
  CLOSED = 'CLOSED',
  REDIRECTED = 'REDIRECTED',
  REJECTED = 'REJECTED',
  REOPENED = 'REOPENED',
}

/** Statuses in which the responsible body still owes an answer. */
export const OPEN_STATUSES: readonly AppealStatus[] = [
  AppealStatus.NEW,
  AppealStatus.REGISTERED,
  AppealStatus.ASSIGNED,
  AppealStatus.IN_PROGRESS,
  AppealStatus.ON_REVIEW,
  AppealStatus.REDIRECTED,
  AppealStatus.REOPENED,
];

export enum DeadlineState {
  ON_TIME = 'ON_TIME',
  AT_RISK = 'AT_RISK',
  OVERDUE = 'OVERDUE',
  MET = 'MET',
  MISSED = 'MISSED',
}

/** The roles of the decree's structure (Annex 1) and of the API's users. */
export enum Role {
  CURATOR = 'CURATOR',
  CENTER_HEAD = 'CENTER_HEAD',
  CENTER_SPECIALIST = 'CENTER_SPECIALIST',
  SECTOR_LEAD = 'SECTOR_LEAD',
  SECTOR_SPECIALIST = 'SECTOR_SPECIALIST',
  ORG_OPERATOR = 'ORG_OPERATOR',
  MINISTRY_OBSERVER = 'MINISTRY_OBSERVER',
  ANALYST = 'ANALYST',
  INTEGRATION = 'INTEGRATION',
  ADMIN = 'ADMIN',
}

registerEnumType(Channel, { name: 'Channel', description: 'Канал поступления обращения' });
registerEnumType(AppealStatus, { name: 'AppealStatus', description: 'Статус обращения' });
registerEnumType(DeadlineState, { name: 'DeadlineState', description: 'Состояние срока' });
registerEnumType(Role, { name: 'Role', description: 'Роль пользователя' });
registerEnumType(OrganizationKind, { name: 'OrganizationKind', description: 'Вид организации' });
registerEnumType(MunicipalityKind, { name: 'MunicipalityKind', description: 'Вид муниципального образования' });

/** Result of consideration, as the federal reporting counts it (DOMAIN.md "Lifecycle"). */
export enum AnswerResult {
  /** Поддержано, меры приняты. */
  SUPPORTED = 'SUPPORTED',
  NOT_SUPPORTED = 'NOT_SUPPORTED',
  EXPLAINED = 'EXPLAINED',
  ANSWER_GIVEN = 'ANSWER_GIVEN',
  /** 59-ФЗ art. 11: e.g. no name or postal address, obscene text. */
  LEFT_WITHOUT_ANSWER = 'LEFT_WITHOUT_ANSWER',
  REDIRECTED_BY_COMPETENCE = 'REDIRECTED_BY_COMPETENCE',
}

/** The ЦУР's decision on a drafted answer. */
export enum ReviewDecision {
  ACCEPT = 'ACCEPT',
  RETURN = 'RETURN',
}

registerEnumType(AnswerResult, { name: 'AnswerResult', description: 'Результат рассмотрения' });
registerEnumType(ReviewDecision, { name: 'ReviewDecision', description: 'Решение ЦУР по ответу: принять или вернуть на доработку' });
