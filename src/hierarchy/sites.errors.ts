import { ConflictError, ValidationFailedError } from '../common/errors/domain-error';

export class CentralSiteExistsError extends ConflictError {
  constructor(existing: string) {
    super(`The hierarchy already has a central site ('${existing}'); there can be only one.`, 'centralSiteExists', { centralSite: existing });
  }
}

export class InvalidParentError extends ValidationFailedError {
  constructor(message: string) {
    super(message, [{ field: 'parentCode', code: 'invalidParent', message }]);
  }
}

export interface SiteUsage {
  /** What uses the site: `sites` (child sites) or `devices`. */
  kind: string;
  total: number;
  /** The first few, to name in the problem. */
  names: string[];
}

export class SiteInUseError extends ConflictError {
  constructor(code: string, usages: SiteUsage[]) {
    const parts = usages.map((u) => `${u.total} ${u.kind === 'sites' ? 'child site' : 'device'}${u.total === 1 ? '' : 's'} (${u.names.join(', ')}${u.total > u.names.length ? ', …' : ''})`);
    const detail = parts.length ? `still has ${parts.join(' and ')}` : 'is still in use';
    super(`Site '${code}' ${detail}; move or delete them first.`, 'siteInUse', { usedBy: usages });
  }
}
