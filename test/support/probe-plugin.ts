import { Arg, Ctx, Float, Query, Resolver } from 'type-graphql';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { defineSectorPlugin, PLUGIN_API_VERSION, type PluginContext } from '../../core/plugin-api/index.js';

/**
 * Test-only operations that make the server misbehave on purpose: a statement
 * that runs for a while in PostgreSQL, and a resolver that fails unexpectedly.
 * Never part of `npm start` (only tests pass this plugin).
 */
@Resolver()
class ProbeResolver {
  @Query(() => Boolean, { description: 'Тест: запрос, который выполняется в PostgreSQL заданное число секунд' })
  async probeSleep(@Arg('seconds', () => Float) seconds: number, @Ctx() ctx: PluginContext): Promise<boolean> {
    await ctx.em.getConnection().execute('select pg_sleep(?)', [seconds]);
    return true;
  }

  @Query(() => Boolean, { description: 'Тест: непредвиденная ошибка сервера' })
  probeFailure(): boolean {
    throw new Error('probe failure: select secret from internals');
  }
}

export const probePlugin = defineSectorPlugin({
  code: 'probe',
  name: { ru: 'Проверка', en: 'Probe' },
  apiVersion: PLUGIN_API_VERSION,
  resolvers: [ProbeResolver],
  access: { 'Query.probeSleep': 'ALL', 'Query.probeFailure': 'ALL' },
  categories: [{ code: 'probe.any', name: 'Проверка', keywords: ['проверка'] }],
});

/** A logger whose JSON lines the test reads. */
export function capturingLogger() {
  const lines: Record<string, any>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line.trim()) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}
