import { describe, expect, it } from 'vitest';
import { DIRECTORY_MS, ReferenceCache, type DirectoryRead } from './reference-cache.js';
import { ReferenceDirectory } from './reference-directory.js';

/** A reader of the directory that counts its reads and files each under the counters given. */
function reader(versions: Record<string, string> = { organization: '1' }) {
  const read = {
    count: 0,
    fail: false,
    versions,
    next(): DirectoryRead {
      read.count++;
      const directory = new ReferenceDirectory({ orgs: [], sectors: [], categories: [], municipalities: [] });
      return {
        versions: Promise.resolve(new Map(Object.entries(read.versions))),
        directory: read.fail ? Promise.reject(new Error('connection lost')) : Promise.resolve(directory),
      };
    },
  };
  return read;
}

describe('the reference cache: the directory', () => {
  it('reads the directory once for concurrent and later callers', async () => {
    const cache = new ReferenceCache(() => 0);
    const read = reader();
    const [a, b] = await Promise.all([cache.directoryBy(() => read.next()), cache.directoryBy(() => read.next())]);
    expect(a).toBe(b);
    expect(await cache.directoryBy(() => read.next())).toBe(a);
    expect(read.count).toBe(1);
  });

  it('reads it again once a request saw the counters of one of its tables move, not of another table', async () => {
    const cache = new ReferenceCache(() => 0);
    const read = reader({ organization: '1', appeal_status: '1' });
    const first = await cache.directoryBy(() => read.next());
    cache.saw(
      new Map([
        ['organization', '1'],
        ['survey', '9'],
      ]),
    );
    expect(await cache.directoryBy(() => read.next())).toBe(first);
    cache.saw(new Map([['organization', '2']]));
    read.versions = { organization: '2' };
    const second = await cache.directoryBy(() => read.next());
    expect(second).not.toBe(first);
    expect(await cache.directoryBy(() => read.next())).toBe(second);
    expect(read.count).toBe(2);
  });

  it('reads it again when asked for a fresh copy, and after DIRECTORY_MS', async () => {
    let now = 0;
    const cache = new ReferenceCache(() => now);
    const read = reader();
    const first = await cache.directoryBy(() => read.next());
    const fresh = await cache.directoryBy(() => read.next(), { fresh: true });
    expect(fresh).not.toBe(first);
    now = DIRECTORY_MS - 1;
    expect(await cache.directoryBy(() => read.next())).toBe(fresh);
    now = DIRECTORY_MS;
    expect(await cache.directoryBy(() => read.next())).not.toBe(fresh);
    expect(read.count).toBe(3);
  });

  it('keeps no failed read', async () => {
    const cache = new ReferenceCache(() => 0);
    const read = reader();
    read.fail = true;
    await expect(cache.directoryBy(() => read.next())).rejects.toThrow('connection lost');
    read.fail = false;
    await expect(cache.directoryBy(() => read.next())).resolves.toBeInstanceOf(ReferenceDirectory);
    expect(read.count).toBe(2);
  });
});
