/** `npm run schema:print`: writes schema/schema.graphql from the schema with every plugin. */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { printAppSchema, SCHEMA_FILE } from '../../schema/print-schema.js';
import { allPlugins } from '../../plugins/index.js';

writeFileSync(SCHEMA_FILE, await printAppSchema(allPlugins));
console.log(`written ${SCHEMA_FILE.pathname}`);
