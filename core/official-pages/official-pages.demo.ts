import type { AppServices } from '../app/app-services.js';

export async function seedOfficialPagesDemo(_app: AppServices): Promise<void> {}
