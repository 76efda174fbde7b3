import { FieldError } from '../common/errors/domain-error';
import { SiteEntity } from '../hierarchy/site.entity';
import { JoinType } from './device-types';

export interface JoinFields {
  joinType: JoinType;
  domain?: string | null;
  workgroup?: string | null;
}

/** A domain join names its domain and no workgroup; a workgroup join names no domain. */
export function joinErrors(device: JoinFields): FieldError[] {
  const errors: FieldError[] = [];
  if (device.joinType === 'domain') {
    if (!device.domain) errors.push({ field: 'domain', code: 'required', message: 'domain is required when joinType is domain.' });
    if (device.workgroup) errors.push({ field: 'workgroup', code: 'notAllowed', message: 'workgroup must be absent when joinType is domain.' });
  } else if (device.domain) {
    errors.push({ field: 'domain', code: 'notAllowed', message: 'domain must be absent when joinType is workgroup.' });
  }
  return errors;
}

/** Devices belong to a primary or secondary site that exists. */
export function siteErrors(siteCode: string, site: SiteEntity | undefined): FieldError[] {
  if (!site) return [{ field: 'siteCode', code: 'invalidSite', message: `Site '${siteCode}' does not exist.` }];
  if (site.type === 'central') {
    return [{ field: 'siteCode', code: 'invalidSite', message: `Site '${siteCode}' is the central site; devices belong to a primary or secondary site.` }];
  }
  return [];
}
