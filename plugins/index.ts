/**
 * The one list of sector plugins. Adding a sector is a new folder and a line
 * here; the core never names a sector.
 */
import type { SectorPlugin } from '../core/plugin-api/index.js';
import { housingPlugin } from './housing/index.js';
import { wastePlugin } from './waste/index.js';
import { energyPlugin } from './energy/index.js';
import { educationPlugin } from './education/index.js';
import { healthPlugin } from './health/index.js';
import { roadsPlugin } from './roads/index.js';
import { transportPlugin } from './transport/index.js';
import { socialPlugin } from './social/index.js';

export const allPlugins: SectorPlugin[] = [housingPlugin, wastePlugin, energyPlugin, educationPlugin, healthPlugin, roadsPlugin, transportPlugin, socialPlugin];
