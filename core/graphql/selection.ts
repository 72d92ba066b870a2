import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

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
  const visit = (set: SelectionSetNode | undefined, depth: number, seen: Set<string>) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (depth === path.length) names.add(selection.name.value);
        else if (selection.name.value === path[depth]) visit(selection.selectionSet, depth + 1, new Set());
      } else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet, depth, seen);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        visit(info.fragments[selection.name.value]?.selectionSet, depth, seen);
      }
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet, 0, new Set());
  return names;
}
