/**
 * What each figure of the monthly report counts, in the words printed under
 * it in HTML, PDF and XLSX alike: one definition per figure. "Overdue" has
 * three figures, each with its own definition (DOMAIN.md "The monthly report"):
 * - overdueAtMonthEnd: the term ran out by the end of the month (or by the
 *   report's moment, for the month in progress) and no answer was given nor
 *   the appeal closed by then, whenever it was received;
 * - answeredLate: answers accepted in the month after the term;
 * - workloadOverdue: a block's open appeals past their term now (the workload
 *   table is a picture of today).
 */
export const DEFINITIONS = {
  count: 'Обращения, поступившие в месяце (по дате поступления).',
  answered: 'Из поступивших в месяце — обращения, по которым ответ принят ЦУР к моменту формирования отчёта.',
  answeredOnTime: 'Из поступивших в месяце — ответ принят не позже срока рассмотрения.',
  onTimeRate: 'Ответ в срок / дан ответ, по обращениям, поступившим в месяце.',
  overdueAtMonthEnd:
    'Просрочено на конец месяца: обращения, поступившие в любом месяце, срок рассмотрения которых истёк до конца месяца (для текущего месяца — до момента формирования отчёта), а ответ к этому моменту не дан и обращение не закрыто; срок, приостановленный до получения уточнения от автора, не истекает.',
  answeredLate: 'Ответ с нарушением срока: ответы, принятые ЦУР в этом месяце позже срока рассмотрения (обращения могли поступить раньше).',
  avgResponseHours: 'От поступления до принятого ответа, без времени приостановки, по обращениям месяца с ответом; часы.',
  medianResponseHours: 'Медиана того же времени ответа; часы.',
  satisfactionAvg: 'Средняя оценка авторами ответов (1–5) по обращениям месяца.',
  negativeRate: 'Оценки 1–2 / все оценки, по обращениям месяца.',
  repeatRate: 'Повторные обращения по тому же вопросу / поступившие в месяце.',
  redirectRate: 'Перенаправленные хотя бы раз / поступившие в месяце.',
  returnedRate: 'Ответы, возвращённые ЦУР на доработку / ответы, по обращениям месяца.',
  matchedByAnnouncement: 'Обращения месяца, на которые при поступлении ответило опубликованное объявление ЦУР.',
  workloadOverdue: 'Просрочено в таблице нагрузки: открытые обращения блока, срок которых истёк на момент формирования отчёта.',
  workloadPresent:
    'Работает: специалисты ЦУР — специалисты отраслевого блока и специалисты центра, у которых есть обращения блока; операторы органов не считаются.',
} as const;

export type DefinedFigure = keyof typeof DEFINITIONS;
