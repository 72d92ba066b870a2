import type { AppServices } from '../app/app-services.js';
import type { AdapterContext } from './channel-adapter.js';
import { adapterContextFactory } from './adapter-context.js';
import { ChannelIngestService } from './channel-ingest.service.js';
import { ChannelImports } from './import-job.service.js';

export interface ChannelModule {
  contextFor(now: Date): AdapterContext;
  /** Null while no IntakeService is configured: nothing can be taken in, and the endpoints that would are not mounted. */
  ingest: ChannelIngestService | null;
  imports: ChannelImports | null;
}

const modules = new WeakMap<AppServices, ChannelModule>();

/** The channels' services of one running app, built once. */
export function channelModule(app: AppServices): ChannelModule {
  let module = modules.get(app);
  if (!module) {
    const contextFor = adapterContextFactory(app.plugins, app.region.municipalities, app.config.TIME_ZONE);
    const ingest = app.intake ? new ChannelIngestService(app, app.intake) : null;
    module = { contextFor, ingest, imports: ingest ? new ChannelImports(app, ingest, contextFor) : null };
    modules.set(app, module);
  }
  return module;
}
