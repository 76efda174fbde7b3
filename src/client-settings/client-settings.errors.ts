import { ConflictError } from '../common/errors/domain-error';

export class DefaultClientSettingsError extends ConflictError {
  constructor(action: string) {
    super(`The Default Client Settings cannot be ${action}.`, 'defaultClientSettings');
  }
}

export class PriorityTakenError extends ConflictError {
  constructor(priority: number, holder: string) {
    super(`Priority ${priority} is already held by client settings '${holder}'.`, 'priorityTaken', { holder });
  }
}

export class NoFreePriorityError extends ConflictError {
  constructor() {
    super('Every priority from 1 to 9999 is taken; choose one explicitly.', 'noFreePriority');
  }
}
