import type { AppServices } from '../app/app-services.js';

export async function seedTrainingDemo(_app: AppServices): Promise<void> {}
