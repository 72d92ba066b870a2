import { registerEnumType } from 'type-graphql';

/**
 * Registers an enum in the GraphQL schema with its Russian description and a
 * description of every value (type-graphql's `valuesConfig`). The values'
 * record is typed by the enum's keys, so a value added to the enum without a
 * description does not compile. The one way to register an enum, in the core
 * and in the plugins (re-exported by core/plugin-api).
 */
export function registerEnum<E extends Record<string, string>>(
  enumObject: E,
  name: string,
  description: string,
  values: { readonly [K in keyof E]: string },
): void {
  const valuesConfig = Object.fromEntries(Object.entries(values).map(([value, text]) => [value, { description: text }]));
  registerEnumType(enumObject, { name, description, valuesConfig: valuesConfig as never });
}
