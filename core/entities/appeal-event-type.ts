import { registerEnumType } from 'type-graphql';

/**
 * Every kind of entry the code writes to an appeal's audit trail, and no
 * other: the write sites take `AppealEventTypeName` (the values below), so a
 * new kind is added here first. Plugins write no audit entries (the plugin
 * API gives them hooks on entries, not a way to append one): the enum is the
 * core's set, and a plugin needing its own kind asks for it here.
 */
export enum AppealEventType {
  RECEIVED = 'RECEIVED',
  REGISTERED = 'REGISTERED',
  ASSIGNED = 'ASSIGNED',
  REDIRECTED = 'REDIRECTED',
  DEADLINE_EXTENDED = 'DEADLINE_EXTENDED',
  WORK_STARTED = 'WORK_STARTED',
  PAUSED = 'PAUSED',
  RESUMED = 'RESUMED',
  ANSWER_SUBMITTED = 'ANSWER_SUBMITTED',
  ANSWER_ACCEPTED = 'ANSWER_ACCEPTED',
  ANSWER_RETURNED = 'ANSWER_RETURNED',
  RATED = 'RATED',
  SATISFACTION_LINK_ISSUED = 'SATISFACTION_LINK_ISSUED',
  REJECTED = 'REJECTED',
  REOPENED = 'REOPENED',
  CLOSED = 'CLOSED',
  STRUCTURED = 'STRUCTURED',
  REPEAT_DETECTED = 'REPEAT_DETECTED',
  ANNOUNCEMENT_MATCHED = 'ANNOUNCEMENT_MATCHED',
  ANSWERED_BY_ANNOUNCEMENT = 'ANSWERED_BY_ANNOUNCEMENT',
  DEADLINE_AT_RISK = 'DEADLINE_AT_RISK',
  DEADLINE_OVERDUE = 'DEADLINE_OVERDUE',
  DEADLINE_REMINDER = 'DEADLINE_REMINDER',
}

/** The type the write sites take: the enum's values as string literals ('REGISTERED' is checked, 'STATUS_CHANGED' refused). */
export type AppealEventTypeName = `${AppealEventType}`;

export const APPEAL_EVENT_TYPES: ReadonlySet<string> = new Set(Object.values(AppealEventType));

/**
 * Kinds that earlier versions wrote and that stay in stored audit trails
 * (imported history, databases made before the kinds above): never written
 * now, still read, and shown in GraphQL as deprecated values.
 */
export enum LegacyAppealEventType {
  STATUS_CHANGED = 'STATUS_CHANGED',
  ANSWERED = 'ANSWERED',
  ANSWER_REVIEWED = 'ANSWER_REVIEWED',
}

/** Every kind an audit trail may hold: what the code writes and what earlier versions wrote. */
export const StoredAppealEventType = { ...AppealEventType, ...LegacyAppealEventType };
export type StoredAppealEventType = AppealEventType | LegacyAppealEventType;

const LEGACY = 'Больше не записывается; встречается в журналах, созданных прежними версиями';

registerEnumType(StoredAppealEventType, {
  name: 'AppealEventType',
  description: 'Вид записи журнала обращения',
  valuesConfig: {
    RECEIVED: { description: 'Поступило обращение по 59-ФЗ, ждёт регистрации' },
    REGISTERED: { description: 'Зарегистрировано (срок рассмотрения начал течь)' },
    ASSIGNED: { description: 'Назначен ответственный орган или исполнитель' },
    REDIRECTED: { description: 'Перенаправлено по компетенции в другой орган (ч. 3 ст. 8 59-ФЗ)' },
    DEADLINE_EXTENDED: { description: 'Срок рассмотрения продлён (ч. 2 ст. 12 59-ФЗ)' },
    WORK_STARTED: { description: 'Орган взял обращение в работу' },
    PAUSED: { description: 'Срок приостановлен до получения уточнения от автора' },
    RESUMED: { description: 'Срок возобновлён' },
    ANSWER_SUBMITTED: { description: 'Орган направил ответ на проверку ЦУР' },
    ANSWER_ACCEPTED: { description: 'ЦУР принял ответ: он направлен автору' },
    ANSWER_RETURNED: { description: 'ЦУР вернул ответ на доработку' },
    RATED: { description: 'Автор (или специалист с его слов) оценил ответ' },
    SATISFACTION_LINK_ISSUED: { description: 'Выдана ссылка для оценки ответа без входа в систему' },
    REJECTED: { description: 'Обращение отклонено' },
    REOPENED: { description: 'Рассмотрение возобновлено' },
    CLOSED: { description: 'Обращение закрыто без оценки' },
    STRUCTURED: { description: 'Специалист ЦУР уточнил блок, рубрику или муниципалитет' },
    REPEAT_DETECTED: { description: 'Распознано как повторное по тому же вопросу' },
    ANNOUNCEMENT_MATCHED: { description: 'На обращение при поступлении ответило опубликованное объявление ЦУР' },
    ANSWERED_BY_ANNOUNCEMENT: { description: 'ЦУР закрыл обращение: ответом служит объявление, ответившее на него при поступлении' },
    DEADLINE_AT_RISK: { description: 'Срок под угрозой: осталось мало времени' },
    DEADLINE_OVERDUE: { description: 'Срок истёк, ответа нет' },
    DEADLINE_REMINDER: { description: 'Напоминание операторам органа о сроке' },
    STATUS_CHANGED: { description: 'Смена статуса (прежняя запись)', deprecationReason: LEGACY },
    ANSWERED: { description: 'Ответ направлен (прежняя запись; сейчас ANSWER_SUBMITTED и ANSWER_ACCEPTED)', deprecationReason: LEGACY },
    ANSWER_REVIEWED: { description: 'Ответ проверен ЦУР (прежняя запись; сейчас ANSWER_ACCEPTED или ANSWER_RETURNED)', deprecationReason: LEGACY },
  },
});
