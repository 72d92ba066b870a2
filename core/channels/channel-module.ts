import type { CoreServices } from '../config/core-services.js';
import type { AuthenticateServices } from '../auth/authenticate.js';
import type { SectorPlugin } from '../plugin-api/index.js';
import type { RegionPack } from '../region/index.js';
import type { IntakeService } from '../lifecycle/intake.js';
import type { AdapterContext } from './adapters/channel-adapter.js';
import { adapterContextFactory } from './adapter-context.js';
import { ChannelIngestService } from './channel-ingest.service.js';
import { ChannelImports } from './import-job.service.js';

export interface ChannelModule {
  contextFor(now: Date): AdapterContext;
  /** Null while no IntakeService is configured: nothing can be taken in, and the endpoints that would are not mounted. */
  ingest: ChannelIngestService | null;
  imports: ChannelImports | null;
}

/** What the channels use of the app's services: the plugins and the region (the adapters' context), the lifecycle's door, the callers' tokens. */
export interface ChannelServices extends CoreServices, AuthenticateServices {
  plugins: SectorPlugin[];
  region: RegionPack;
  /** The lifecycle's door for channels: absent, nothing is taken in and the endpoints that would are not mounted. */
  intake?: IntakeService;
}

const modules = new WeakMap<ChannelServices, ChannelModule>();

/** The channels' services of one running app, built once. */
export function channelModule(app: ChannelServices): ChannelModule {
  let module = modules.get(app);
  if (!module) {
    const contextFor = adapterContextFactory(app.plugins, app.region.municipalities, app.config.TIME_ZONE);
    const ingest = app.intake ? new ChannelIngestService(app, app.intake) : null;
    module = { contextFor, ingest, imports: ingest ? new ChannelImports(app, ingest, contextFor) : null };
    modules.set(app, module);
  }
  return module;
}
