import { describe, expect, it } from 'vitest';
import type { MigrationObject } from '@mikro-orm/core';
import { migrationChain } from './migration-chain.js';

class Dummy {}
const m = (name: string): MigrationObject => ({ name, class: Dummy as never });
const names = (list: MigrationObject[]) => list.map((x) => x.name);

describe('migrationChain', () => {
  it("merges a plugin's migrations into the core's by the timestamp in the name", () => {
    const core = [m('Migration20260101000000_a'), m('Migration20260301000000_c'), m('Migration20260501000000_e')];
    const plugin = [m('Migration20260201000000_plugin_b'), m('Migration20260601000000_plugin_f')];
    expect(names(migrationChain(core, plugin))).toEqual([
      'Migration20260101000000_a',
      'Migration20260201000000_plugin_b',
      'Migration20260301000000_c',
      'Migration20260501000000_e',
      'Migration20260601000000_plugin_f',
    ]);
  });

  it("keeps the listed order within one second, the core's first", () => {
    const chain = migrationChain([m('Migration20260101000000_core')], [m('Migration20260101000000_plugin')]);
    expect(names(chain)).toEqual(['Migration20260101000000_core', 'Migration20260101000000_plugin']);
  });

  it('refuses a name without a timestamp and a name used twice', () => {
    expect(() => migrationChain([m('Migration20260101000000_a')], [m('add_table')])).toThrow(/add_table.*Migration<yyyyMMddHHmmss>/);
    expect(() => migrationChain([m('Migration20260101000000_a')], [m('Migration20260101000000_a')])).toThrow(/Two migrations are named/);
  });
});
