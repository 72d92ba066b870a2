import { registerEnumType } from 'type-graphql';

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

registerEnumType(ChannelRecordStatus, { name: 'ChannelRecordStatus', description: 'Судьба записи, полученной из канала' });
registerEnumType(ImportJobStatus, { name: 'ImportJobStatus', description: 'Состояние загрузки файла' });
registerEnumType(SocialPlatform, { name: 'SocialPlatform', description: 'Социальная сеть или мессенджер' });
registerEnumType(SocialItemKind, { name: 'SocialItemKind', description: 'Публикация или комментарий' });
