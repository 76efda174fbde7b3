import { SiteEntity } from './site.entity';
import { SiteType } from './site-types';
import { CentralSiteExistsError, InvalidParentError } from './sites.errors';

export interface HierarchyFacts {
  /** The central site, if the hierarchy has one. */
  central: SiteEntity | null;
  /** The site named by the requested parentCode, if it exists. */
  requestedParent: SiteEntity | null;
}

/**
 * The parent a new site gets under the hierarchy rules: one central site
 * without a parent; primaries under it (by default) or standalone when there
 * is none; secondaries under a primary. Throws when the request breaks them.
 */
export function parentForNewSite(type: SiteType, parentCode: string | null | undefined, facts: HierarchyFacts): string | null {
  switch (type) {
    case 'central':
      if (facts.central) throw new CentralSiteExistsError(facts.central.code);
      if (parentCode) throw new InvalidParentError('A central site has no parent.');
      return null;
    case 'primary':
      return parentOfPrimary(parentCode, facts);
    case 'secondary':
      return parentOfSecondary(parentCode, facts);
  }
}

/** A secondary may move to another primary; nothing else changes parent after creation. */
export function parentForMove(site: SiteEntity, parentCode: string | null, facts: HierarchyFacts): string | null {
  if (site.type === 'secondary') return parentOfSecondary(parentCode, facts);
  if (parentCode === site.parentCode) return site.parentCode;
  throw new InvalidParentError(`Only a secondary site can move to another parent; '${site.code}' is ${site.type}.`);
}

function parentOfPrimary(parentCode: string | null | undefined, facts: HierarchyFacts): string | null {
  if (!facts.central) {
    if (parentCode) throw new InvalidParentError('There is no central site, so a primary site is standalone: omit parentCode.');
    return null;
  }
  if (parentCode === undefined || parentCode === facts.central.code) return facts.central.code;
  throw new InvalidParentError(`A primary site's parent must be the central site '${facts.central.code}'.`);
}

function parentOfSecondary(parentCode: string | null | undefined, facts: HierarchyFacts): string {
  if (!parentCode) throw new InvalidParentError('A secondary site needs a primary site as parentCode.');
  if (!facts.requestedParent) throw new InvalidParentError(`Parent site '${parentCode}' does not exist.`);
  if (facts.requestedParent.type !== 'primary') {
    throw new InvalidParentError(`A secondary site's parent must be a primary site; '${parentCode}' is ${facts.requestedParent.type}.`);
  }
  return parentCode;
}
