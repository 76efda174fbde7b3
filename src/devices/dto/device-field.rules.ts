/** Shared field formats of device inputs. */
export const DOMAIN_NAME = /^(?=.{1,255}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
export const WORKGROUP_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,14}$/;
export const PRINTABLE = /^[^\x00-\x1f\x7f]+$/;
