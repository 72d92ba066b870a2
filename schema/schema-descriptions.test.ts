import { describe, expect, it } from 'vitest';
import { buildSchema } from 'graphql';
import { buildAppSchema } from './build-schema.js';
import { undescribedElements } from './schema-descriptions.js';
import { allPlugins } from '../plugins/index.js';

describe('the public schema documents itself', () => {
  it('has a Russian description on every type, field, argument, input field and enum value (core and every plugin)', async () => {
    const schema = await buildAppSchema(allPlugins, { channelIntake: true });
    expect(undescribedElements(schema)).toEqual([]);
  });

  it('would notice a missing one (the check itself)', () => {
    const schema = buildSchema(`
      "Запрос" type Query { "Обращение" appeal(id: ID): Item }
      "Элемент" type Item { id: ID "Состояние" state: State }
      "Состояние" enum State { "Открыто" OPEN CLOSED }
      "Отбор" input Filter { "Code" code: String }
    `);
    expect(undescribedElements(schema)).toEqual(['Filter.code', 'Item.id', 'Query.appeal(id)', 'State.CLOSED']);
  });
});
