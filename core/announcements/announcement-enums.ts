import { registerEnum } from '../graphql/register-enum.js';
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

registerEnum(AnnouncementKind, 'AnnouncementKind', 'Вид объявления', {
  OUTAGE: 'Отключение (воды, тепла, электричества)',
  WORKS: 'Плановые работы, перекрытие движения',
  EMERGENCY: 'Авария, чрезвычайная ситуация',
  INFO: 'Информационное сообщение',
});
registerEnum(AnnouncementStatus, 'AnnouncementStatus', 'Статус объявления', {
  DRAFT: 'Черновик',
  APPROVED: 'Согласовано ЦУР',
  PUBLISHED: 'Опубликовано: отвечает на обращения и рассылается',
  WITHDRAWN: 'Отозвано (с указанием причины)',
});
