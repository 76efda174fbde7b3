import { FragmentDefinitionNode, GraphQLError, Kind, OperationDefinitionNode, SelectionSetNode, ValidationContext, ValidationRule } from 'graphql';

/**
 * Refuses operations with more than `maxAliases` aliased fields, counting
 * through fragment spreads (a fragment spread ten times counts ten times):
 * aliases are how one request asks for the same costly field over and over.
 */
export function aliasLimit(maxAliases: number): ValidationRule {
  return (context: ValidationContext) => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    const perFragment = new Map<string, number>();
    // Counts stop just past the limit, so a fragment bomb costs nothing to refuse.
    const cap = (n: number) => Math.min(n, maxAliases + 1);
    const aliasesIn = (set: SelectionSetNode | undefined, visiting: Set<string>): number => {
      if (!set) return 0;
      let count = 0;
      for (const selection of set.selections) {
        if (selection.kind === Kind.FIELD) {
          count += (selection.alias ? 1 : 0) + aliasesIn(selection.selectionSet, visiting);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          count += aliasesIn(selection.selectionSet, visiting);
        } else {
          const name = selection.name.value;
          if (visiting.has(name)) continue; // a cycle; NoFragmentCycles reports it
          if (!perFragment.has(name)) {
            const inner = aliasesIn(fragments.get(name)?.selectionSet, new Set([...visiting, name]));
            perFragment.set(name, inner);
          }
          count += perFragment.get(name) ?? 0;
        }
        count = cap(count);
        if (count > maxAliases) return count;
      }
      return count;
    };
    return {
      OperationDefinition(node: OperationDefinitionNode) {
        if (aliasesIn(node.selectionSet, new Set()) > maxAliases) {
          context.reportError(new GraphQLError(`The operation uses more than ${maxAliases} aliases.`, { nodes: [node], extensions: { code: 'tooManyAliases' } }));
        }
      },
    };
  };
}
