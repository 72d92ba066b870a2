import { Channel } from '../../entities/enums.js';
import type { ChannelAdapter } from './channel-adapter.js';
import { mapRegionalRow, regionalExternalIdOf, regionalOptionsSchema, rowFromRaw, type RegionalOptions, type RegionalRow } from './regional-mapping.js';

/**
 * A regional or municipal system's export (one adapter per file format): the
 * same rows, column mapping, keys and channels; only the reading of the file
 * differs. Its rows share one keyspace, so a CSV and an XLSX of the same
 * export settle on the same appeals.
 */
export function regionalAdapter(
  code: string,
  title: string,
  parse: ChannelAdapter<RegionalRow, RegionalOptions>['parse'],
): ChannelAdapter<RegionalRow, RegionalOptions> {
  return {
    code,
    keyspace: 'regional',
    externalIdOf: regionalExternalIdOf,
    channel: Channel.REGIONAL_SYSTEM,
    channels: [Channel.REGIONAL_SYSTEM, Channel.MUNICIPAL_SYSTEM],
    title,
    options: regionalOptionsSchema,
    parse,
    revive: rowFromRaw,
    rawOf: (row) => row.raw,
    map: mapRegionalRow,
    mapStatusOut: (status) => status,
  };
}
