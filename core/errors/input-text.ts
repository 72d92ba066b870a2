import { badInput } from './errors.js';

/**
 * A text field of an input, trimmed: no NUL, at most `max` characters; empty
 * is refused when `required`, else null. The field is the input path named
 * in the error (`input.title`).
 */
export function inputText(value: string | null | undefined, field: string, max: number, required: true): string;
export function inputText(value: string | null | undefined, field: string, max: number, required: boolean): string | null;
export function inputText(value: string | null | undefined, field: string, max: number, required: boolean): string | null {
  const text = value?.trim() ?? '';
  if (text.includes('\u0000')) throw badInput(field, 'Недопустимый символ NUL');
  if (!text) {
    if (required) throw badInput(field, 'Поле не может быть пустым');
    return null;
  }
  if (text.length > max) throw badInput(field, `Не длиннее ${max} символов`);
  return text;
}
