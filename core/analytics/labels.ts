import { AppealStatus, Channel } from '../entities/enums.js';

/** Russian labels of the group keys that are not reference rows. */
export const CHANNEL_LABELS: Record<Channel, string> = {
  [Channel.POS]: 'Платформа обратной связи (ПОС)',
  [Channel.REGIONAL_SYSTEM]: 'Региональная система',
  [Channel.MUNICIPAL_SYSTEM]: 'Муниципальная система',
  [Channel.WRITTEN]: 'Письменное обращение',
  [Channel.EMAIL]: 'Электронная почта',
  [Channel.PHONE]: 'Телефон',
  [Channel.PERSONAL_RECEPTION]: 'Личный приём',
  [Channel.SOCIAL_MEDIA]: 'Социальные сети',
  [Channel.MESSENGER]: 'Мессенджеры',
  [Channel.MEDIA]: 'СМИ',
  [Channel.OPEN311]: 'Open311 (приложения города)',
};

export const STATUS_LABELS: Record<AppealStatus, string> = {
  [AppealStatus.NEW]: 'Новое',
  [AppealStatus.REGISTERED]: 'Зарегистрировано',
  [AppealStatus.ASSIGNED]: 'Назначено',
  [AppealStatus.IN_PROGRESS]: 'В работе',
  [AppealStatus.ANSWERED]: 'Дан ответ',
  [AppealStatus.ON_REVIEW]: 'На проверке ЦУР',
  [AppealStatus.CLOSED]: 'Закрыто',
  [AppealStatus.REDIRECTED]: 'Перенаправлено',
  [AppealStatus.REJECTED]: 'Отклонено',
  [AppealStatus.REOPENED]: 'Возобновлено',
};

const MONTHS_NOMINATIVE = ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'];
const MONTHS_GENITIVE = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];

/** «ноябрь 2026» for `2026-11`. */
export function monthLabel(key: string): string {
  const [year, month] = key.split('-').map(Number);
  return `${MONTHS_NOMINATIVE[month - 1]} ${year}`;
}

/** «5 ноября 2026» for `2026-11-05`. */
export function dayLabel(key: string): string {
  const [year, month, day] = key.split('-').map(Number);
  return `${day} ${MONTHS_GENITIVE[month - 1]} ${year}`;
}

/** «неделя с 2 ноября 2026» for the Monday `2026-11-02`. */
export function weekLabel(key: string): string {
  return `неделя с ${dayLabel(key)}`;
}

/** «Ноябрь 2026» at the start of a title. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export const NOT_SET_LABEL = 'Не указано';
