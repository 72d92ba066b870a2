import { registerEnum } from '../graphql/register-enum.js';
import { MunicipalityKind, OrganizationKind } from './reference-types.js';

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

registerEnum(Channel, 'Channel', 'Канал поступления обращения; от канала зависит срок (docs/lifecycle.md, «Сроки»)', {
  POS: 'Платформа обратной связи (ПОС, Госуслуги): ответ — 10 рабочих дней',
  REGIONAL_SYSTEM: 'Региональная информационная система: ответ — 10 рабочих дней',
  MUNICIPAL_SYSTEM: 'Муниципальная информационная система: ответ — 10 рабочих дней',
  WRITTEN: 'Письменное обращение (59-ФЗ): регистрация — 3 дня, ответ — 30 календарных дней с регистрации',
  EMAIL: 'Электронная почта (59-ФЗ): регистрация — 3 дня, ответ — 30 календарных дней с регистрации',
  PHONE: 'Телефонный звонок: ответ — 10 рабочих дней',
  PERSONAL_RECEPTION: 'Личный приём (59-ФЗ): регистрация — 3 дня, ответ — 30 календарных дней с регистрации',
  SOCIAL_MEDIA: 'Социальная сеть (инцидент): первая реакция — 4 часа, ответ — 1 рабочий день',
  MESSENGER: 'Мессенджер: первая реакция — 4 часа, ответ — 1 рабочий день',
  MEDIA: 'Публикация в СМИ: первая реакция — 4 часа, ответ — 1 рабочий день',
  OPEN311: 'Open311 GeoReport v2 (клиенты 311, приложения города): сообщение, ответ — 10 рабочих дней',
});
registerEnum(AppealStatus, 'AppealStatus', 'Статус обращения; переходы — одна таблица (docs/lifecycle.md)', {
  NEW: 'Поступило по 59-ФЗ и ждёт регистрации в ЦУР (registerReceived)',
  REGISTERED: 'Зарегистрировано, ответственный орган ещё не назначен',
  ASSIGNED: 'Назначено ответственному органу, работа не начата',
  IN_PROGRESS: 'Орган работает над ответом (в том числе после возврата на доработку)',
  ANSWERED: 'Ответ принят ЦУР и направлен автору; ждёт оценки',
  ON_REVIEW: 'Ответ органа на проверке в ЦУР (принять или вернуть на доработку)',
  CLOSED: 'Закрыто: ответ принят и оценён на 3–5 или закрыт ЦУР',
  REDIRECTED: 'Перенаправлено в другой орган по компетенции (срок сохраняется)',
  REJECTED: 'Оставлено без рассмотрения (с причиной), обязанность органа окончена',
  REOPENED: 'Открыто повторно (оценка 1–2 или решение ЦУР): новый срок',
});
registerEnum(
  DeadlineState,
  'DeadlineState',
  'Состояние срока ответа в момент запроса (часы сервера, app.clock). Для открытых обращений — ON_TIME, AT_RISK или OVERDUE; после ответа (или отказа в рассмотрении) — MET или MISSED',
  {
    ON_TIME: 'Ответа ещё нет, до срока осталось не меньше доли atRiskShare (по умолчанию 20%) отведённого времени; так же — обращение без срока',
    AT_RISK: 'Ответа ещё нет, срок не истёк, но осталось меньше доли atRiskShare (по умолчанию 20%) отведённого времени',
    OVERDUE: 'Ответа ещё нет, срок истёк (позже dueAt; сам момент dueAt ещё не просрочка)',
    MET: 'Ответ принят ЦУР (или отказано в рассмотрении) не позже dueAt: срок соблюдён',
    MISSED: 'Ответ принят ЦУР (или отказано в рассмотрении) позже dueAt: срок нарушен',
  },
);
registerEnum(Role, 'Role', 'Роль пользователя; права каждой роли — docs/access.md', {
  CURATOR: 'Куратор ЦУР (заместитель председателя правительства): читает всё',
  CENTER_HEAD: 'Руководитель ЦУР',
  CENTER_SPECIALIST: 'Специалист ЦУР: регистрирует, назначает, проверяет ответы',
  SECTOR_LEAD: 'Руководитель отраслевого блока ЦУР (в пределах своих отраслей)',
  SECTOR_SPECIALIST: 'Специалист отраслевого блока ЦУР (в пределах своих отраслей)',
  ORG_OPERATOR: 'Оператор органа власти или организации: работает с обращениями своего органа и подчинённых',
  MINISTRY_OBSERVER: 'Наблюдатель министерства: читает обращения своих отраслей',
  ANALYST: 'Аналитик: статистика и рейтинги, без персональных данных',
  INTEGRATION: 'Сервисная учётная запись канала (интеграция): регистрирует обращения',
  ADMIN: 'Администратор: пользователи, ключи, справочники',
});
registerEnum(OrganizationKind, 'OrganizationKind', 'Вид организации', {
  EXECUTIVE_BODY: 'Орган исполнительной власти региона (министерство, комитет)',
  MUNICIPAL_ADMINISTRATION: 'Администрация муниципального образования',
  STATE_INSTITUTION: 'Государственное учреждение',
  MUNICIPAL_INSTITUTION: 'Муниципальное учреждение',
  REGIONAL_OPERATOR: 'Региональный оператор (ТКО, капитальный ремонт)',
  CENTER: 'Центр управления регионом (ЦУР)',
});
registerEnum(MunicipalityKind, 'MunicipalityKind', 'Вид муниципального образования', {
  CITY_DISTRICT: 'Городской округ',
  MUNICIPAL_DISTRICT: 'Муниципальный район',
});

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

registerEnum(AnswerResult, 'AnswerResult', 'Результат рассмотрения, как его считает федеральная отчётность', {
  SUPPORTED: 'Поддержано, меры приняты',
  NOT_SUPPORTED: 'Не поддержано',
  EXPLAINED: 'Разъяснено',
  ANSWER_GIVEN: 'Дан ответ по существу',
  LEFT_WITHOUT_ANSWER: 'Оставлено без ответа (59-ФЗ, ст. 11: нет фамилии или почтового адреса, нецензурный текст и т. п.)',
  REDIRECTED_BY_COMPETENCE: 'Направлено по компетенции в другой орган',
});
registerEnum(ReviewDecision, 'ReviewDecision', 'Решение ЦУР по ответу: принять или вернуть на доработку', {
  ACCEPT: 'Принять: ответ уходит автору, обращение — ANSWERED, срок считается по этому моменту',
  RETURN: 'Вернуть на доработку: обращение — IN_PROGRESS, возврат учитывается в качестве органа',
});
