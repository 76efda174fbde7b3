import { ConflictError, ValidationFailedError } from '../common/errors/domain-error';

export class BuiltInCollectionError extends ConflictError {
  constructor(name: string) {
    super(`'${name}' is built in: it cannot be changed, deleted or given rules.`, 'builtIn');
  }
}

/** A change that would make a collection depend on itself; `path` names the loop. */
export class CollectionCycleError extends ConflictError {
  constructor(names: string[], ids: string[]) {
    super(`This would make '${names[0]}' depend on itself: ${names.join(' → ')}.`, 'cycle', { path: ids });
  }
}

export interface CollectionUsage {
  /** What refers to the collection: `collections` (include, exclude, limiting), `principals` (scope), … */
  kind: string;
  total: number;
  names: string[];
}

export class CollectionInUseError extends ConflictError {
  constructor(name: string, usages: CollectionUsage[]) {
    const parts = usages.map((u) => `${u.kind} ${u.names.join(', ')}${u.total > u.names.length ? ` and ${u.total - u.names.length} more` : ''}`);
    super(`Collection '${name}' is still referenced by ${parts.join('; ')}; remove those references first.`, 'collectionInUse', { usedBy: usages });
  }
}

export class InvalidRuleError extends ValidationFailedError {
  constructor(field: string, code: string, message: string) {
    super(message, [{ field, code, message }]);
  }
}
