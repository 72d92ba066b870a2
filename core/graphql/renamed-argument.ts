import { badInput } from '../errors/errors.js';

/**
 * The value of an argument renamed to API.md's form while the old name stays,
 * `@deprecated`, beside it (both optional in the schema). One of the two is
 * required: neither is BAD_USER_INPUT on the new name; both with different
 * values is BAD_USER_INPUT on the old one (the same value twice is accepted).
 */
export function renamedArgument<T>(current: { name: string; value: T | null | undefined }, deprecated: { name: string; value: T | null | undefined }): T {
  const { value } = current;
  const old = deprecated.value;
  if (value != null && old != null && value !== old) {
    throw badInput(deprecated.name, `${deprecated.name} устарел и расходится с ${current.name}: передайте только ${current.name}`);
  }
  const chosen = value ?? old;
  if (chosen == null) throw badInput(current.name, `Укажите ${current.name}`);
  return chosen;
}

/** The text of a deprecation: what to use instead, in Russian. */
export const useInstead = (name: string, why = 'единое имя по API.md') => `Используйте ${name} (${why})`;
