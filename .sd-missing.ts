import 'reflect-metadata';
import { buildAppSchema } from './schema/build-schema.js';
import { allPlugins } from './plugins/index.js';
import { undescribedElements } from './schema/schema-descriptions.js';
console.log(undescribedElements(await buildAppSchema(allPlugins, { channelIntake: true })).join('\n'));
