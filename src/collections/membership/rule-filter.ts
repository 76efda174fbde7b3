import { FilterNode } from '../../common/filter/filter-ast';
import { compileFilter, CompiledFilter } from '../../common/filter/filter-compiler';
import { FilterError } from '../../common/filter/filter-error';
import { FieldMap, lookupField } from '../../common/filter/filter-fields';
import { parseFilter } from '../../common/filter/filter-parser';
import { TIME_DERIVED_DEVICE_FIELDS } from '../../devices/device-fields';

/** Wire names of the fields a filter reads, spelled as in the field map. */
export function referencedFields(node: FilterNode, fields: FieldMap): Set<string> {
  const out = new Set<string>();
  const visit = (n: FilterNode): void => {
    switch (n.kind) {
      case 'and':
      case 'or':
        visit(n.left);
        visit(n.right);
        break;
      case 'not':
        visit(n.operand);
        break;
      default:
        out.add(lookupField(fields, n.field)?.[0] ?? n.field);
    }
  };
  visit(node);
  return out;
}

/**
 * Parses and checks a query rule's filter (the GET /devices grammar). Fields
 * that change with time alone (`online`) are refused: stored membership is
 * re-evaluated on writes, so it could not follow them.
 */
export function parseRuleFilter(text: string, fields: FieldMap): FilterNode {
  const node = parseFilter(text, 'filter');
  for (const name of referencedFields(node, fields)) {
    if (TIME_DERIVED_DEVICE_FIELDS.includes(name)) {
      throw new FilterError('filter', `'${name}' changes with time alone and cannot be used in a collection rule; use lastSeenAt`, undefined, 'unsupportedField');
    }
  }
  compileFilter(node, fields);
  return node;
}

/** Compiles a stored rule filter with parameter names unique to the rule. */
export function compileRuleFilter(text: string, fields: FieldMap, prefix: string): CompiledFilter {
  return compileFilter(parseFilter(text, 'filter'), fields, prefix);
}
