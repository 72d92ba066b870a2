/**
 * `npm run user:create -- --email admin@region.ru --role ADMIN [--name "ФИО"]
 *    [--organization <code>] [--sectors housing,waste] [--password-stdin]`
 *
 * Creates an account directly in the database (DATABASE_URL, or the embedded
 * server in DATA_DIR): the way to the first ADMIN of a deployment without the
 * demo. The password is read from standard input with `--password-stdin`
 * (e.g. `printf '%s' "$PW" | npm run user:create -- … --password-stdin`);
 * otherwise a random one is generated and printed once. The same checks as
 * the `createUser` mutation apply (role shape, password policy, unique e-mail).
 */
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { EntityManager } from '@mikro-orm/postgresql';
import { loadConfig } from '../config/config.js';
import { createLogger } from '../logging/logger.js';
import { openAppDatabase } from '../app/database.js';
import { pluginEntities } from '../plugins/plugin-registry.js';
import { allPlugins } from '../../plugins/index.js';
import { Organization, Role } from '../entities/index.js';
import { createUser } from '../auth/user-admin.service.js';
import { systemClock } from '../clock/clock.js';

const { values } = parseArgs({
  options: {
    email: { type: 'string' },
    role: { type: 'string' },
    name: { type: 'string' },
    organization: { type: 'string' },
    sectors: { type: 'string' },
    'password-stdin': { type: 'boolean', default: false },
  },
});

function fail(message: string): never {
  process.stderr.write(`user:create: ${message}\n`);
  process.exit(1);
}

if (!values.email) fail('--email is required');
const role = values.role as Role | undefined;
if (!role || !Object.values(Role).includes(role)) fail(`--role must be one of ${Object.values(Role).join(', ')}`);

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

const generated = !values['password-stdin'];
// 18 random bytes: 24 characters of base64url, far past any guessing.
const password = generated ? randomBytes(18).toString('base64url') : await readStdin();

const config = loadConfig();
const logger = createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL);
const db = await openAppDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR, logger, extraEntities: pluginEntities(allPlugins) });
try {
  const em = db.orm.em.fork() as EntityManager;
  let organizationId: string | null = null;
  if (values.organization) {
    const organization = await em.findOne(Organization, { code: values.organization });
    if (!organization) fail(`--organization: no organization with the code "${values.organization}"`);
    organizationId = organization.id;
  }
  const user = await createUser(
    em,
    {
      email: values.email,
      fullName: values.name ?? values.email,
      role,
      organizationId,
      sectors: values.sectors ? values.sectors.split(',') : [],
      password,
    },
    systemClock.now(),
  );
  process.stdout.write(`created ${user.role} ${user.email} (${user.id})\n`);
  if (generated) process.stdout.write(`password (shown once): ${password}\n`);
} catch (error) {
  if (error instanceof GraphQLError) {
    const field = error.extensions?.field ? ` (${String(error.extensions.field).replace(/^input\./, '--')})` : '';
    fail(`${error.message}${field}`);
  }
  throw error;
} finally {
  await db.close();
}
