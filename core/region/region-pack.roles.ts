import type { RegionPack } from './region-pack.loader.js';
import { RegionPackError } from './region-pack-error.js';

/** What the role check needs of a plugin: its code and the role it declares. */
export interface RoleDeclaringPlugin {
  code: string;
  responsibleBody?: { role: string; name: string };
}

/**
 * Binds the enabled plugins' declared roles (`responsibleBody.role`) to the
 * pack's organizations (`roles` in organizations.json), refusing the pack when
 * a role is taken by two rows (routing would pick one at random) or by none
 * (the sector's appeals would have no responsible body). Roles no enabled
 * plugin declares are left alone: a pack may serve plugins enabled elsewhere.
 * Returns role → organization code.
 */
export function bindDeclaredRoles(pack: RegionPack, plugins: readonly RoleDeclaringPlugin[], organizationsFile: string): Map<string, string> {
  const taken = new Map<string, number>();
  pack.organizations.forEach((org, index) => {
    for (const role of org.roles) {
      const other = taken.get(role);
      if (other !== undefined) {
        throw new RegionPackError(organizationsFile, `role "${role}" is already taken by row ${other + 1}; one organization takes a role`, index + 1, 'roles');
      }
      taken.set(role, index);
    }
  });
  const bound = new Map<string, string>();
  for (const plugin of plugins) {
    const declared = plugin.responsibleBody;
    if (!declared) continue;
    const row = taken.get(declared.role);
    if (row === undefined) {
      throw new RegionPackError(
        organizationsFile,
        `no organization takes the role "${declared.role}" (${declared.name}) that the ${plugin.code} plugin declares for its responsible body; add it to that body's roles`,
        undefined,
        'roles',
      );
    }
    bound.set(declared.role, pack.organizations[row]!.code);
  }
  return bound;
}
