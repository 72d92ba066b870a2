import { registerEnumType } from 'type-graphql';

/** What an announcement is about (decree No. 335, clause 7: informing). */
export enum AnnouncementKind {
  OUTAGE = 'OUTAGE',
  WORKS = 'WORKS',
  EMERGENCY = 'EMERGENCY',
  INFO = 'INFO',
}

/** DRAFT → APPROVED (by the ЦУР) → PUBLISHED → WITHDRAWN. */
export enum AnnouncementStatus {
  DRAFT = 'DRAFT',
  APPROVED = 'APPROVED',
  PUBLISHED = 'PUBLISHED',
  WITHDRAWN = 'WITHDRAWN',
}

registerEnumType(AnnouncementKind, {
  name: 'AnnouncementKind',
  description: 'Вид объявления',
  valuesConfig: {
    OUTAGE: { description: 'Отключение (воды, тепла, электричества)' },
    WORKS: { description: 'Плановые работы, перекрытие движения' },
    EMERGENCY: { description: 'Авария, чрезвычайная ситуация' },
    INFO: { description: 'Информационное сообщение' },
  },
});
registerEnumType(AnnouncementStatus, {
  name: 'AnnouncementStatus',
  description: 'Статус объявления',
  valuesConfig: {
    DRAFT: { description: 'Черновик' },
    APPROVED: { description: 'Согласовано ЦУР' },
    PUBLISHED: { description: 'Опубликовано: отвечает на обращения и рассылается' },
    WITHDRAWN: { description: 'Отозвано (с указанием причины)' },
  },
});
