/**
 * Every text a resident receives from the ЦУР by e-mail or SMS, in one place
 * (change the wording here only). `{{optOutUrl}}` is replaced per recipient
 * when the message is sent: every message carries its opt-out link.
 */
export const OPT_OUT_PLACEHOLDER = '{{optOutUrl}}';

export interface RenderedMessage {
  subject: string;
  body: string;
  /** For SMS: one short line and the link. */
  shortText: string;
}

const KIND_LABELS: Record<string, string> = {
  OUTAGE: 'Отключение',
  WORKS: 'Работы',
  EMERGENCY: 'Авария',
  INFO: 'Информация',
};

const footer = () =>
  `\n\n—\nЦентр управления регионом. Вы получили это сообщение, потому что дали согласие на уведомления, обратившись к нам.` +
  `\nОтказаться от уведомлений: ${OPT_OUT_PLACEHOLDER}`;

const formatDate = (at: Date, timeZone: string) =>
  new Intl.DateTimeFormat('ru-RU', { timeZone, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(at);

/** An announcement as it goes out to residents of its audience. */
export function announcementMessage(
  a: { kind: string; title: string; body: string; validFrom: Date; validTo: Date | null; speaker: string | null },
  timeZone: string,
): RenderedMessage {
  const label = KIND_LABELS[a.kind] ?? 'Информация';
  const period = a.validTo
    ? `Срок: с ${formatDate(a.validFrom, timeZone)} по ${formatDate(a.validTo, timeZone)}.`
    : `Действует с ${formatDate(a.validFrom, timeZone)}.`;
  return {
    subject: `${label}: ${a.title}`,
    body: `${a.title}\n\n${a.body}\n\n${period}${a.speaker ? `\n${a.speaker}` : ''}${footer()}`,
    shortText: `ЦУР. ${label}: ${a.title}. Отписка: ${OPT_OUT_PLACEHOLDER}`,
  };
}

/** The announcement given as the first answer to a new appeal about the same thing. */
export function matchedAnnouncementMessage(n: { number: string; title: string; body: string }): RenderedMessage {
  return {
    subject: `По вашему обращению № ${n.number}: ${n.title}`,
    body:
      `Ваше обращение № ${n.number} зарегистрировано. По этой теме уже есть сообщение:\n\n${n.title}\n\n${n.body}` +
      `\n\nОбращение рассматривается в установленном порядке.${footer()}`,
    shortText: `ЦУР. Обращение № ${n.number}: ${n.title}. Отписка: ${OPT_OUT_PLACEHOLDER}`,
  };
}

/** The ЦУР closed the appeal with the announcement as its answer (closeAppealByAnnouncement). */
export function answeredByAnnouncementMessage(n: { number: string; title: string; body: string }): RenderedMessage {
  return {
    subject: `Ответ на обращение № ${n.number}: ${n.title}`,
    body:
      `Ответом на ваше обращение № ${n.number} служит сообщение Центра управления регионом:\n\n${n.title}\n\n${n.body}` +
      `\n\nОбращение закрыто. Если вопрос не решён, напишите нам снова: повторное обращение будет рассмотрено.${footer()}`,
    shortText: `ЦУР. Ответ на обращение № ${n.number}: ${n.title}. Отписка: ${OPT_OUT_PLACEHOLDER}`,
  };
}

/** The ЦУР accepted the body's answer (REVIEW_ACCEPT). */
export function answerAcceptedMessage(n: { number: string; organization: string | null }): RenderedMessage {
  return {
    subject: `Ответ на обращение № ${n.number}`,
    body:
      `По вашему обращению № ${n.number} подготовлен ответ${n.organization ? ` (${n.organization})` : ''}; ` +
      `он направлен вам способом, указанным в обращении.${footer()}`,
    shortText: `ЦУР. По обращению № ${n.number} подготовлен ответ. Отписка: ${OPT_OUT_PLACEHOLDER}`,
  };
}

/** The appeal went to another body (59-ФЗ art. 8 part 3: the author is told). */
export function redirectedMessage(n: { number: string; organization: string | null; reason: string | null }): RenderedMessage {
  return {
    subject: `Обращение № ${n.number} передано`,
    body:
      `Ваше обращение № ${n.number} передано на рассмотрение${n.organization ? ` в ${n.organization}` : ' в другой орган'}` +
      `${n.reason ? `. Причина: ${n.reason}` : ''}.${footer()}`,
    shortText: `ЦУР. Обращение № ${n.number} передано${n.organization ? ` в ${n.organization}` : ''}. Отписка: ${OPT_OUT_PLACEHOLDER}`,
  };
}

/** The deadline was extended (59-ФЗ art. 12 part 2: the author is told). */
export function deadlineExtendedMessage(n: { number: string; dueAt: Date | null; reason: string | null }, timeZone: string): RenderedMessage {
  const due = n.dueAt ? formatDate(n.dueAt, timeZone) : null;
  return {
    subject: `Срок рассмотрения обращения № ${n.number} продлён`,
    body: `Срок рассмотрения вашего обращения № ${n.number} продлён${due ? ` до ${due}` : ''}` + `${n.reason ? `. Причина: ${n.reason}` : ''}.${footer()}`,
    shortText: `ЦУР. Срок по обращению № ${n.number} продлён${due ? ` до ${due}` : ''}. Отписка: ${OPT_OUT_PLACEHOLDER}`,
  };
}

/** An invitation to answer a survey; `url` carries the message's own token placeholder (message-token.ts). */
export function surveyInvitationMessage(
  n: { title: string; description: string | null; url: string; closesAt: Date | null },
  timeZone: string,
): RenderedMessage {
  const until = n.closesAt ? ` Ответы принимаются до ${formatDate(n.closesAt, timeZone)}.` : '';
  return {
    subject: `Опрос: ${n.title}`,
    body:
      `Центр управления регионом просит ответить на несколько вопросов: ${n.title}.${n.description ? `\n\n${n.description}` : ''}` +
      `\n\nОтветить (ссылка одноразовая, вход не нужен): ${n.url}${until}` +
      `\n\n—\nВы получили это сообщение, потому что согласились участвовать в опросах ЦУР.\nОтказаться от сообщений: ${OPT_OUT_PLACEHOLDER}`,
    shortText: `ЦУР. Опрос «${n.title}»: ${n.url} Отписка: ${OPT_OUT_PLACEHOLDER}`,
  };
}

/** The follow-up question after the author rated the answer to an appeal. */
export function surveyFollowUpMessage(n: { number: string; title: string; url: string }): RenderedMessage {
  return {
    subject: `Спасибо за оценку ответа на обращение № ${n.number}`,
    body:
      `Спасибо, что оценили ответ на обращение № ${n.number}. Ответьте, пожалуйста, ещё на несколько вопросов: ${n.title}.` +
      `\n\nОтветить (ссылка одноразовая, вход не нужен): ${n.url}` +
      `\n\n—\nВы получили это сообщение, потому что согласились участвовать в опросах ЦУР.\nОтказаться от сообщений: ${OPT_OUT_PLACEHOLDER}`,
    shortText: `ЦУР. Спасибо за оценку по обращению № ${n.number}. Пара вопросов: ${n.url} Отписка: ${OPT_OUT_PLACEHOLDER}`,
  };
}

/** The opt-out page. */
export const optOutPage = {
  title: 'Отказ от уведомлений',
  confirm: 'Вы больше не хотите получать уведомления Центра управления регионом на этот адрес или телефон?',
  button: 'Отказаться от уведомлений',
  done: 'Готово: уведомления на этот адрес или телефон больше не отправляются.',
  invalid: 'Ссылка недействительна.',
};
