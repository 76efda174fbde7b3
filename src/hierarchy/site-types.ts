export const SITE_TYPES = ['central', 'primary', 'secondary'] as const;
export type SiteType = (typeof SITE_TYPES)[number];

/** Three upper-case letters or digits: CAS, PS1, S01. */
export const SITE_CODE = /^[A-Z0-9]{3}$/;
