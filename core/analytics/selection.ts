import { getDirectiveValues, GraphQLIncludeDirective, GraphQLSkipDirective, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

export interface SelectedField {
  name: string;
  node: FieldNode;
}

/**
 * The fields selected below the current field (through fragments, honouring
 * @include/@skip), so that a resolver computes only what the client asked for.
 */
export function selectedFields(info: GraphQLResolveInfo): SelectedField[] {
  const out: SelectedField[] = [];
  const visit = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (!included(selection, info)) continue;
      if (selection.kind === 'Field') out.push({ name: selection.name.value, node: selection });
      else if (selection.kind === 'InlineFragment') visit(selection.selectionSet);
      else visit(info.fragments[selection.name.value]?.selectionSet);
    }
  };
  for (const node of info.fieldNodes) visit(node.selectionSet);
  return out;
}

function included(node: Parameters<typeof getDirectiveValues>[1], info: GraphQLResolveInfo): boolean {
  const skip = getDirectiveValues(GraphQLSkipDirective, node, info.variableValues);
  if (skip?.if === true) return false;
  const include = getDirectiveValues(GraphQLIncludeDirective, node, info.variableValues);
  return include?.if !== false;
}
