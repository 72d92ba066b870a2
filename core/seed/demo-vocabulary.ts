import type { Faker } from '@faker-js/faker';
import { Channel } from '../entities/enums.js';

/**
 * The words and shares the generated appeals are made of: the demo
 * (demo-appeals.ts, demo-steps.ts, through the lifecycle) and the bulk data
 * of tests and benchmarks (test/support/bulk-appeals.ts) draw from the same.
 * The places they name (streets, hot spots) are the region pack's
 * (demo-streets.json, demo-hot-spots.json).
 */
/** Channel shares seen in published ЦУР reports: ПОС leads, social media second. */
export const CHANNEL_WEIGHTS: [Channel, number][] = [
  [Channel.POS, 45],
  [Channel.SOCIAL_MEDIA, 12],
  [Channel.REGIONAL_SYSTEM, 8],
  [Channel.MUNICIPAL_SYSTEM, 4],
  [Channel.WRITTEN, 9],
  [Channel.EMAIL, 9],
  [Channel.PHONE, 6],
  [Channel.PERSONAL_RECEPTION, 3],
  [Channel.MESSENGER, 3],
  [Channel.MEDIA, 1],
];
export const FZ59_CHANNELS = new Set([Channel.WRITTEN, Channel.EMAIL, Channel.PERSONAL_RECEPTION]);
export const INCIDENT_CHANNELS = new Set([Channel.SOCIAL_MEDIA, Channel.MESSENGER, Channel.MEDIA]);
export const OPENINGS = ['Прошу разобраться:', 'Обращаюсь повторно.', 'Здравствуйте!', 'Жалоба.', 'Уважаемые сотрудники,', 'Помогите, пожалуйста.'];
/** Answers as bodies write them; the last one is the boilerplate that clause 8 asks to find. */
export const ANSWERS = [
  'Проведено обследование, работы включены в план и будут выполнены в течение месяца.',
  'Нарушение устранено, специалисты выезжали на место.',
  'Дано разъяснение порядка, сведения направлены на адрес заявителя.',
  'Вопрос рассмотрен на совещании, ответственные назначены, срок устранения — две недели.',
];
export const BOILERPLATE_ANSWER = 'Ваше обращение рассмотрено. Информация принята к сведению.';
export const NEGATIVE_COMMENTS = ['Ничего не сделано', 'Отписка', 'Проблема осталась', 'Ответ не по существу'];
export const RETURN_REASONS = ['Ответ не по существу вопроса', 'Нет сроков устранения', 'Не приложены фотографии выполненных работ'];

/** One of `items`, drawn with the given weights. */
export function weighted<T>(faker: Faker, items: [T, number][]): T {
  return faker.helpers.weightedArrayElement(items.map(([value, weight]) => ({ value, weight })));
}
