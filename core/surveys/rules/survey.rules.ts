import { badInput } from '../../errors/errors.js';
import { CHOICE_TYPES, QuestionType } from './survey-enums.js';
import type { SurveyAnswerInput, SurveyInput } from './survey.input.js';

/** A question as stored with its survey (the survey's version fixes its questions). */
export interface StoredQuestion {
  code: string;
  text: string;
  type: QuestionType;
  required: boolean;
  options: { code: string; text: string }[];
  scaleMin: number | null;
  scaleMax: number | null;
}

/**
 * The rules a questionnaire and an answer keep. Pure functions: the services
 * call them before anything is written, so a bad input leaves nothing behind.
 */
export const LIMITS = {
  title: 500,
  description: 10_000,
  questions: 100,
  questionText: 2_000,
  options: 50,
  optionText: 500,
  /** A scale of at most this many steps (0..100 is the widest sane one). */
  scaleSteps: 100,
  scaleAbs: 1_000,
  /** A free-text answer: a few paragraphs; more is refused, not cut. */
  answerText: 4_000,
} as const;

const CODE = /^[A-Za-z0-9_-]{1,64}$/;

export interface NormalizedAnswer {
  questionCode: string;
  optionCodes: string[] | null;
  value: number | null;
  text: string | null;
}

export interface NormalizedSurvey {
  title: string;
  description: string | null;
  opensAt: Date | null;
  closesAt: Date | null;
  questions: StoredQuestion[];
  followUpAfterRating: boolean;
}

/** Text a person typed: no NUL bytes (PostgreSQL refuses them; they are never meant), bounded. */
export function checkText(value: string, field: string, max: number, options: { required?: boolean } = {}): string {
  if (value.includes('\u0000')) throw badInput(field, 'Текст содержит недопустимый символ NUL');
  if (value.length > max) throw badInput(field, `Текст длиннее ${max} символов`, { max });
  const trimmed = value.trim();
  if (options.required !== false && !trimmed) throw badInput(field, 'Текст не может быть пустым');
  return trimmed;
}

function checkCode(value: string, field: string): string {
  if (!CODE.test(value)) throw badInput(field, 'Код: 1–64 символа из латинских букв, цифр, _ и -');
  return value;
}

/** A survey's questionnaire and period as stored; throws BAD_USER_INPUT with the dotted path of the first fault. */
export function normalizeSurvey(input: SurveyInput, prefix = 'input'): NormalizedSurvey {
  const title = checkText(input.title, `${prefix}.title`, LIMITS.title);
  const description = input.description == null ? null : checkText(input.description, `${prefix}.description`, LIMITS.description, { required: false }) || null;
  const opensAt = input.opensAt ?? null;
  const closesAt = input.closesAt ?? null;
  if (opensAt && closesAt && closesAt <= opensAt) throw badInput(`${prefix}.closesAt`, 'Окончание опроса должно быть позже начала');
  if (!input.questions.length) throw badInput(`${prefix}.questions`, 'В опросе должен быть хотя бы один вопрос');
  if (input.questions.length > LIMITS.questions) throw badInput(`${prefix}.questions`, `Не больше ${LIMITS.questions} вопросов`);
  const codes = new Set<string>();
  const questions = input.questions.map((q, i): StoredQuestion => {
    const at = `${prefix}.questions.${i}`;
    const code = checkCode(q.code, `${at}.code`);
    if (codes.has(code)) throw badInput(`${at}.code`, `Код вопроса ${code} повторяется`);
    codes.add(code);
    const text = checkText(q.text, `${at}.text`, LIMITS.questionText);
    const choice = CHOICE_TYPES.has(q.type);
    const options = q.options ?? [];
    if (!choice && options.length) throw badInput(`${at}.options`, 'Варианты бывают только у вопросов с выбором');
    if (choice && options.length < 2) throw badInput(`${at}.options`, 'У вопроса с выбором должно быть не меньше двух вариантов');
    if (options.length > LIMITS.options) throw badInput(`${at}.options`, `Не больше ${LIMITS.options} вариантов`);
    const optionCodes = new Set<string>();
    const storedOptions = options.map((option, j) => {
      const optionCode = checkCode(option.code, `${at}.options.${j}.code`);
      if (optionCodes.has(optionCode)) throw badInput(`${at}.options.${j}.code`, `Код варианта ${optionCode} повторяется`);
      optionCodes.add(optionCode);
      return { code: optionCode, text: checkText(option.text, `${at}.options.${j}.text`, LIMITS.optionText) };
    });
    const scale = q.type === QuestionType.SCALE;
    if (!scale && (q.scaleMin != null || q.scaleMax != null)) throw badInput(`${at}.scaleMin`, 'Границы шкалы бывают только у вопроса-шкалы');
    if (scale) {
      if (q.scaleMin == null) throw badInput(`${at}.scaleMin`, 'Укажите нижнюю границу шкалы');
      if (q.scaleMax == null) throw badInput(`${at}.scaleMax`, 'Укажите верхнюю границу шкалы');
      if (Math.abs(q.scaleMin) > LIMITS.scaleAbs) throw badInput(`${at}.scaleMin`, `Граница шкалы по модулю не больше ${LIMITS.scaleAbs}`);
      if (Math.abs(q.scaleMax) > LIMITS.scaleAbs) throw badInput(`${at}.scaleMax`, `Граница шкалы по модулю не больше ${LIMITS.scaleAbs}`);
      if (q.scaleMax <= q.scaleMin) throw badInput(`${at}.scaleMax`, 'Верхняя граница шкалы должна быть больше нижней');
      if (q.scaleMax - q.scaleMin > LIMITS.scaleSteps) throw badInput(`${at}.scaleMax`, `Шкала не шире ${LIMITS.scaleSteps} делений`);
    }
    return {
      code,
      text,
      type: q.type,
      required: q.required !== false,
      options: storedOptions,
      scaleMin: scale ? q.scaleMin! : null,
      scaleMax: scale ? q.scaleMax! : null,
    };
  });
  return { title, description, opensAt, closesAt, questions, followUpAfterRating: input.followUpAfterRating === true };
}

/**
 * One respondent's answers checked against the questions. Each fault is
 * BAD_USER_INPUT whose field is the question's code (`fieldOf` may prefix it).
 */
export function normalizeAnswers(
  questions: readonly StoredQuestion[],
  answers: readonly SurveyAnswerInput[],
  fieldOf: (code: string) => string = (code) => code,
): NormalizedAnswer[] {
  const byCode = new Map(questions.map((q) => [q.code, q]));
  const seen = new Map<string, NormalizedAnswer>();
  if (answers.length > questions.length) throw badInput(fieldOf('answers'), 'Ответов больше, чем вопросов');
  for (const answer of answers) {
    const code = answer.questionCode;
    const field = fieldOf(code);
    const question = byCode.get(code);
    if (!question) throw badInput(field, `В опросе нет вопроса ${code.slice(0, 64)}`);
    if (seen.has(code)) throw badInput(field, 'На вопрос дано два ответа');
    seen.set(code, normalizeAnswer(question, answer, field));
  }
  for (const question of questions) {
    if (question.required && !seen.has(question.code)) throw badInput(fieldOf(question.code), `Вопрос «${question.text}» обязателен`);
  }
  // Stored in the questionnaire's order.
  return questions.flatMap((q) => (seen.has(q.code) ? [seen.get(q.code)!] : []));
}

function normalizeAnswer(question: StoredQuestion, answer: SurveyAnswerInput, field: string): NormalizedAnswer {
  const { optionCodes, value, text } = answer;
  const base = { questionCode: question.code, optionCodes: null, value: null, text: null };
  if (CHOICE_TYPES.has(question.type)) {
    if (value != null || text != null) throw badInput(field, 'Для вопроса с выбором укажите только варианты');
    if (!optionCodes?.length) throw badInput(field, 'Выберите вариант ответа');
    if (question.type === QuestionType.SINGLE_CHOICE && optionCodes.length !== 1) throw badInput(field, 'В этом вопросе выбирается один вариант');
    const known = new Set(question.options.map((o) => o.code));
    const unknown = optionCodes.find((c) => !known.has(c));
    if (unknown !== undefined) throw badInput(field, `Нет варианта ${unknown.slice(0, 64)}`);
    if (new Set(optionCodes).size !== optionCodes.length) throw badInput(field, 'Вариант выбран дважды');
    // Stored in the question's order of options, so equal choices compare equal.
    return { ...base, optionCodes: question.options.map((o) => o.code).filter((c) => optionCodes.includes(c)) };
  }
  if (question.type === QuestionType.SCALE) {
    if (optionCodes != null || text != null) throw badInput(field, 'Для шкалы укажите только значение');
    if (value == null) throw badInput(field, 'Укажите значение по шкале');
    if (!Number.isInteger(value) || value < question.scaleMin! || value > question.scaleMax!) {
      throw badInput(field, `Значение должно быть целым от ${question.scaleMin} до ${question.scaleMax}`);
    }
    return { ...base, value };
  }
  if (optionCodes != null || value != null) throw badInput(field, 'Для свободного ответа укажите только текст');
  if (text == null) throw badInput(field, 'Введите ответ');
  return { ...base, text: checkText(text, field, LIMITS.answerText) };
}
