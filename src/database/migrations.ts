import { InitialSchema1795633953915 } from './migrations/1795633953915-InitialSchema';

/** Every migration in order; listed explicitly so bundling or a stray file can never change it. */
export const MIGRATIONS = [InitialSchema1795633953915];
