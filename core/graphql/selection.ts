import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * Names of the fields selected under the current field (through inline
 * fragments and fragment spreads too), e.g. which of the author's fields a
 * client asked for.
 */
export function selectedFieldNames(info: GraphQLResolveInfo): Set<string> {
  return selectedFieldNamesAt(info, []);
}

/**
 * Names of the fields selected at a path below the current field, e.g.
 * `['edges', 'node']` of a connection: what a list resolver's rows will be
 * asked for.
 */
export function selectedFieldNamesAt(info: GraphQLResolveInfo, path: readonly string[]): Set<string> {
  const names = new Set<string>();
  visitFieldsAt(
    info,
    info.fieldNodes.map((node) => node.selectionSet),
    path,
    (name) => names.add(name),
  );
  return names;
}

/**
 * The fields selected at a path, as `selectedFieldNamesAt` gives them, and
 * their own sub-fields as `field.subfield` (e.g. `deadline` and
 * `deadline.rules`): what a list needs to know to read only what is asked.
 */
export function selectedFieldPathsAt(info: GraphQLResolveInfo, path: readonly string[]): Set<string> {
  const paths = new Set<string>();
  visitFieldsAt(
    info,
    info.fieldNodes.map((node) => node.selectionSet),
    path,
    (name, field) => {
      paths.add(name);
      visitFieldsAt(info, [field.selectionSet], [], (sub) => paths.add(`${name}.${sub}`));
    },
  );
  return paths;
}

/** Calls `found` with each field selected at `path` below the given selection sets, through fragments. */
function visitFieldsAt(
  info: GraphQLResolveInfo,
  sets: readonly (SelectionSetNode | undefined)[],
  path: readonly string[],
  found: (name: string, field: FieldNode) => void,
): void {
  const visit = (set: SelectionSetNode | undefined, depth: number, seen: Set<string>) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (depth === path.length) found(selection.name.value, selection);
        else if (selection.name.value === path[depth]) visit(selection.selectionSet, depth + 1, new Set());
      } else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet, depth, seen);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        visit(info.fragments[selection.name.value]?.selectionSet, depth, seen);
      }
    }
  };
  for (const set of sets) visit(set, 0, new Set());
}
