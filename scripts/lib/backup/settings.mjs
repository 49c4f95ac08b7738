import path from 'node:path';
import { z } from 'zod';
import { loadKernel } from '../kernel.mjs';
import { repoRoot } from '../paths.mjs';
import { UserError } from '../user-error.mjs';

/** The schemas a backup holds, in restore order: one per subgraph, each with its own migration table. */
export const SCHEMAS = ['core', 'workflow', 'integration', 'analytics'];

/** Settings of `npm run backup` / `npm run restore` beside the kernel's shared ones. */
const backupShape = {
  /** Where backups are written, one directory each. Default: `.flowgraph/backups` in the repository. */
  BACKUP_DIR: z
    .string()
    .min(1)
    .default(path.join(repoRoot, '.flowgraph', 'backups')),
  /** Hours (the newest backup of each) kept by pruning. Default: 24. */
  BACKUP_KEEP_HOURLY: z.coerce.number().int().min(0).default(24),
  /** Days (the newest backup of each) kept by pruning. Default: 7. */
  BACKUP_KEEP_DAILY: z.coerce.number().int().min(0).default(7),
};

/** The kernel's config plus the backup settings; a bad value is one UserError line naming it. */
export function loadBackupConfig(env = process.env) {
  const kernel = loadKernel();
  try {
    const config = kernel.loadConfig(backupShape, env);
    return { ...config, BACKUP_DIR: path.resolve(config.BACKUP_DIR) };
  } catch (error) {
    if (error instanceof kernel.ConfigError) throw new UserError(error.message);
    throw error;
  }
}
