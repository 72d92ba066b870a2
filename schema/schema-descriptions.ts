import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedScalarType,
  isScalarType,
  type GraphQLSchema,
} from 'graphql';

const CYRILLIC = /[А-Яа-яЁё]/;

/**
 * Every element of the public schema that lacks a Russian description:
 * types (objects, interfaces, inputs, enums, unions, custom scalars), their
 * fields, the fields' arguments, input fields and enum values. GraphQL's own
 * scalars and the introspection types are not ours to describe.
 */
export function undescribedElements(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  const check = (path: string, name: string, description: string | null | undefined) => {
    const text = description?.trim() ?? '';
    // A description is Russian words, not the element's name restated.
    if (!text || !CYRILLIC.test(text) || text.toLowerCase() === name.toLowerCase()) missing.push(path);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || (isScalarType(type) && isSpecifiedScalarType(type))) continue;
    check(type.name, type.name, type.description);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        check(`${type.name}.${field.name}`, field.name, field.description);
        for (const arg of field.args) check(`${type.name}.${field.name}(${arg.name})`, arg.name, arg.description);
      }
    }
    if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) check(`${type.name}.${field.name}`, field.name, field.description);
    }
    if (isEnumType(type)) {
      for (const value of type.getValues()) check(`${type.name}.${value.name}`, value.name, value.description);
    }
  }
  return missing.sort();
}
