import type { RegionPack } from './region-pack.loader.js';
import { RegionPackError } from './region-pack-error.js';

/** What the role check needs of a plugin: its code, its responsible body's role and the further roles it routes to. */
export interface RoleDeclaringPlugin {
  code: string;
  responsibleBody?: { role: string; name: string };
  bodyRoles?: readonly { role: string; name: string; optional?: boolean }[];
}

/** Role → organization code in the pack loaded last (loadPackTables): what `notAgainst({ role })` reads. */
let loadedBindings: ReadonlyMap<string, string> | null = null;

/**
 * The organization code the loaded pack binds to a role, null when it binds
 * none. Throws before a pack is loaded (the core loads it at start; tests
 * call loadPluginRegionData).
 */
export function bodyOfRole(role: string): string | null {
  if (!loadedBindings) throw new Error(`role "${role}" read before a region pack was loaded (the core loads it at start; tests call loadPluginRegionData)`);
  return loadedBindings.get(role) ?? null;
}

/**
 * Binds the enabled plugins' declared roles (`responsibleBody.role` and
 * `bodyRoles`) to the pack's organizations (`roles` in organizations.json),
 * refusing the pack when a role is taken by two rows (routing would pick one
 * at random) or a required role by none (the sector's appeals would have no
 * responsible body, or a rule no body). An `optional` body role may stay
 * unbound: its rules do not fire. Roles no enabled plugin declares are left
 * alone: a pack may serve plugins enabled elsewhere. Returns role →
 * organization code for the declared roles; `commit` makes every role of the
 * pack the one `bodyOfRole` reads.
 */
export function bindDeclaredRoles(
  pack: RegionPack,
  plugins: readonly RoleDeclaringPlugin[],
  organizationsFile: string,
): { bound: Map<string, string>; commit(): void } {
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
    const declared = [
      ...(plugin.responsibleBody ? [{ ...plugin.responsibleBody, optional: false, what: 'for its responsible body' }] : []),
      ...(plugin.bodyRoles ?? []).map((body) => ({ ...body, what: 'for a body its rules route to' })),
    ];
    for (const { role, name, optional, what } of declared) {
      const row = taken.get(role);
      if (row !== undefined) bound.set(role, pack.organizations[row]!.code);
      else if (!optional) {
        throw new RegionPackError(
          organizationsFile,
          `no organization takes the role "${role}" (${name}) that the ${plugin.code} plugin declares ${what}; add it to that body's roles`,
          undefined,
          'roles',
        );
      }
    }
  }
  const all = new Map([...taken].map(([role, row]) => [role, pack.organizations[row]!.code]));
  return { bound, commit: () => void (loadedBindings = all) };
}
