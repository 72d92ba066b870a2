import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { isObjectType, type GraphQLSchema } from 'graphql';
import { buildAppSchema } from '../../schema/build-schema.js';
import { allPlugins } from '../../plugins/index.js';
import { DIRECT_RESOLVER } from './direct-field-resolvers.js';

const isDirect = (schema: GraphQLSchema, type: string, field: string) => {
  const object = schema.getType(type);
  if (!isObjectType(object)) throw new Error(`${type} is not an object type`);
  return Boolean((object.getFields()[field].resolve as unknown as Record<symbol, boolean> | undefined)?.[DIRECT_RESOLVER]);
};

describe('field resolvers called directly', () => {
  it('calls root/context/info-only field resolvers directly (the relations of a page of appeals), plugins included', async () => {
    const schema = await buildAppSchema(allPlugins);
    for (const field of ['organization', 'municipality', 'sector', 'category', 'assignee', 'deadline', 'housing']) {
      expect(isDirect(schema, 'Appeal', field), `Appeal.${field}`).toBe(true);
    }
  });

  it('leaves type-graphql to build the arguments of every field that takes some, and of the root operations', async () => {
    const schema = await buildAppSchema(allPlugins);
    const withArguments = Object.values(schema.getTypeMap())
      .filter(isObjectType)
      .flatMap((type) => Object.values(type.getFields()).map((field) => ({ type: type.name, field })))
      .filter(({ field }) => field.args.length > 0);
    expect(withArguments.length).toBeGreaterThan(20);
    for (const { type, field } of withArguments) expect(isDirect(schema, type, field.name), `${type}.${field.name}`).toBe(false);
  });

  it('reads plain fields without a resolver call, keeps every resolver method and every field whose value may be a promise', async () => {
    const schema = await buildAppSchema(allPlugins);
    const fieldsOf = (type: string) => {
      const object = schema.getType(type);
      if (!isObjectType(object)) throw new Error(`${type} is not an object type`);
      return object.getFields();
    };
    for (const field of ['id', 'number', 'status', 'receivedAt', 'dueAt']) expect(fieldsOf('Appeal')[field]!.resolve, `Appeal.${field}`).toBeUndefined();
    for (const field of ['cursor', 'node']) expect(fieldsOf('AppealEdge')[field]!.resolve, `AppealEdge.${field}`).toBeUndefined();
    for (const field of ['state', 'dueAt', 'remainingHours']) expect(fieldsOf('Deadline')[field]!.resolve, `Deadline.${field}`).toBeUndefined();
    // text, summary and address mask personal data written inside them for roles without access.
    for (const field of ['organization', 'deadline', 'history', 'author', 'housing', 'text', 'summary', 'address'])
      expect(fieldsOf('Appeal')[field]!.resolve, `Appeal.${field}`).toBeTypeOf('function');
    expect(fieldsOf('AppealConnection').totalCount!.resolve).toBeTypeOf('function');
    // Root operations keep theirs (the access guard wraps them).
    expect(fieldsOf('Query').appeals!.resolve).toBeTypeOf('function');
  });
});
