import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuthUser } from '../auth/auth-user.js';
import { Role } from '../entities/enums.js';
import { ImportJob } from './import-job.entity.js';

/** An import job as its submitter or the ЦУР sees it; a channel's account sees only its own jobs. */
export async function findImportJob(em: EntityManager, id: string, user: AuthUser): Promise<ImportJob | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const job = await em.findOne(ImportJob, { id }, { disableIdentityMap: true });
  if (!job) return null;
  if (user.role === Role.INTEGRATION && job.submittedBy?.id !== user.id) return null;
  return job;
}

/** The job as the REST endpoint answers it. */
export async function readImportJob(em: EntityManager, id: string, user: AuthUser) {
  const job = await findImportJob(em, id, user);
  if (!job) return null;
  return {
    id: job.id,
    adapter: job.adapter,
    fileName: job.fileName ?? null,
    status: job.status,
    total: job.total,
    processed: job.processed,
    accepted: job.accepted,
    merged: job.merged,
    rejected: job.rejected,
    pendingRetry: job.pendingRetry,
    error: job.error ?? null,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt ?? null,
  };
}
