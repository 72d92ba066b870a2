import { registerEnum } from '../graphql/register-enum.js';
/** What became of one record a channel sent. Nothing is ever dropped (issue #8). */
export enum ChannelRecordStatus {
  /** Taken into the lifecycle: `appealId` is set. */
  ACCEPTED = 'ACCEPTED',
  /** The record itself is bad (parse, validation, or refused by the lifecycle): fix it at the source, or correct and retry. */
  REJECTED = 'REJECTED',
  /** A failure not of the record (the database, the lifecycle): retry as it is. */
  PENDING_RETRY = 'PENDING_RETRY',
}

export enum ImportJobStatus {
  RUNNING = 'RUNNING',
  DONE = 'DONE',
  /** The file as a whole could not be read (no row was processed). */
  FAILED = 'FAILED',
}

/** Social networks and messengers that ЦУРs monitor (the decree, clause 4). */
export enum SocialPlatform {
  VK = 'VK',
  OK = 'OK',
  TELEGRAM = 'TELEGRAM',
  MAX = 'MAX',
  DZEN = 'DZEN',
  YOUTUBE = 'YOUTUBE',
  RUTUBE = 'RUTUBE',
  WHATSAPP = 'WHATSAPP',
  VIBER = 'VIBER',
}

export enum SocialItemKind {
  POST = 'POST',
  COMMENT = 'COMMENT',
}

registerEnum(ChannelRecordStatus, 'ChannelRecordStatus', 'Судьба записи, полученной из канала: ни одна не теряется', {
  ACCEPTED: 'Принята: обращение создано или найдено (appealId заполнен)',
  REJECTED: 'Отклонена из-за самой записи (разбор, проверка, отказ жизненного цикла): исправить в источнике или исправить и повторить',
  PENDING_RETRY: 'Сбой не из-за записи (база данных, жизненный цикл): будет повторена как есть',
});
registerEnum(ImportJobStatus, 'ImportJobStatus', 'Состояние загрузки файла', {
  RUNNING: 'Файл обрабатывается',
  DONE: 'Обработан: каждая строка принята или отклонена (см. processed и rejected)',
  FAILED: 'Файл не удалось прочитать целиком, ни одна строка не обработана',
});
registerEnum(SocialPlatform, 'SocialPlatform', 'Социальная сеть или мессенджер, за которыми следит ЦУР', {
  VK: 'ВКонтакте',
  OK: 'Одноклассники',
  TELEGRAM: 'Мессенджер Telegram',
  MAX: 'Мессенджер MAX',
  DZEN: 'Дзен',
  YOUTUBE: 'Видеохостинг YouTube',
  RUTUBE: 'Видеохостинг Rutube',
  WHATSAPP: 'Мессенджер WhatsApp',
  VIBER: 'Мессенджер Viber',
});
registerEnum(SocialItemKind, 'SocialItemKind', 'Публикация или комментарий', {
  POST: 'Публикация (пост) на странице',
  COMMENT: 'Комментарий к публикации',
});
