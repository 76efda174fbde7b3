export const JOIN_TYPES = ['domain', 'workgroup'] as const;
export type JoinType = (typeof JOIN_TYPES)[number];

/** NetBIOS-style: a letter or digit, then letters, digits or hyphens, 15 characters at most. */
export const DEVICE_NAME = /^[A-Za-z0-9][A-Za-z0-9-]{0,14}$/;
