import { generateToken } from '../auth/token-secret';

/** Enrolment keys and device tokens look different from API tokens, so a leak is easy to classify. */
export const ENROLLMENT_KEY_PREFIX = 'rce_';
export const DEVICE_TOKEN_PREFIX = 'rcd_';

export const newEnrollmentKey = () => generateToken(ENROLLMENT_KEY_PREFIX);
export const newDeviceToken = () => generateToken(DEVICE_TOKEN_PREFIX);
