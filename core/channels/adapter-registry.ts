import { badInput } from '../errors/errors.js';
import type { AnyChannelAdapter } from './adapters/channel-adapter.js';
import { posAdapter } from './adapters/pos.adapter.js';
import { regionalCsvAdapter } from './adapters/regional-csv.adapter.js';
import { regionalXlsxAdapter } from './adapters/regional-xlsx.adapter.js';
import { socialAdapter } from './adapters/social.adapter.js';
import { lettersAdapter } from './adapters/letters.adapter.js';
import { open311Adapter } from './adapters/open311.adapter.js';

/** Every channel adapter: the one list of them (channels are core modules, not sector plugins). */
export const channelAdapters: readonly AnyChannelAdapter[] = [
  posAdapter,
  regionalCsvAdapter,
  regionalXlsxAdapter,
  socialAdapter,
  lettersAdapter,
  open311Adapter,
];

const byCode = new Map(channelAdapters.map((adapter) => [adapter.code, adapter]));
if (byCode.size !== channelAdapters.length) throw new Error('Two channel adapters share a code');

export function channelAdapter(code: string, field = 'adapter'): AnyChannelAdapter {
  const adapter = byCode.get(code);
  if (!adapter) throw badInput(field, `Нет адаптера канала «${code}»; есть: ${[...byCode.keys()].join(', ')}`);
  return adapter;
}

export const keyspaceOf = (adapter: AnyChannelAdapter): string => adapter.keyspace ?? adapter.code;
