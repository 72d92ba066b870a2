import { GraphQLScalarType } from 'graphql';
import { JSONResolver } from 'graphql-scalars';

/** The schema's `JSON`: graphql-scalars' JSON, described in Russian (one instance for every field that uses it). */
export const JsonScalar = new GraphQLScalarType({
  ...JSONResolver.toConfig(),
  description: 'Произвольные данные JSON (объект, массив или значение): поля плагинов отрасли, подробности событий, исходные записи каналов',
});
