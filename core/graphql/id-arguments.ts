import {
  GraphQLID,
  GraphQLInputObjectType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  defaultFieldResolver,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { badInput } from '../errors/errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Check = (value: unknown, path: string) => void;

/** A checker for the ID values inside a value of `type`, or null when the type holds no ID. */
function checkerFor(type: GraphQLInputType, seen = new Map<GraphQLInputObjectType, Check | null>()): Check | null {
  if (type instanceof GraphQLNonNull) return checkerFor(type.ofType, seen);
  if (type instanceof GraphQLList) {
    const item = checkerFor(type.ofType, seen);
    return item && ((value, path) => Array.isArray(value) && value.forEach((v) => item(v, path)));
  }
  if (type === GraphQLID) {
    return (value, path) => {
      if (value != null && !UUID.test(String(value))) throw badInput(path, 'Идентификатор должен быть UUID');
    };
  }
  if (type instanceof GraphQLInputObjectType) {
    if (seen.has(type)) return seen.get(type) ?? null;
    seen.set(type, null);
    const fields = Object.values(type.getFields())
      .map((field) => ({ name: field.name, check: checkerFor(field.type, seen) }))
      .filter((f): f is { name: string; check: Check } => f.check !== null);
    const check: Check | null = fields.length
      ? (value, path) => {
          if (value == null || typeof value !== 'object') return;
          for (const f of fields) f.check((value as Record<string, unknown>)[f.name], `${path}.${f.name}`);
        }
      : null;
    seen.set(type, check);
    return check;
  }
  return null;
}

/**
 * IDs are UUIDs (API.md). An argument of type ID (also in a list or an input
 * object) that is not one is BAD_USER_INPUT naming the argument, before the
 * resolver runs: otherwise PostgreSQL refuses the cast and the client gets an
 * internal error (the fuzz test found `appeal(id: "N%")`). Only fields with
 * such arguments are wrapped.
 */
export function checkIdArguments(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!(type instanceof GraphQLObjectType) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const checks = field.args
        .map((arg) => ({ name: arg.name, check: checkerFor(arg.type) }))
        .filter((a): a is { name: string; check: Check } => a.check !== null);
      if (!checks.length) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context, info) => {
        for (const { name, check } of checks) check(args[name], name);
        return resolve(source, args, context, info);
      };
    }
  }
  return schema;
}
