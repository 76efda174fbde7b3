import { InitialSchema1795633953915 } from './migrations/1795633953915-InitialSchema';
import { AddSessionsAndClientSettings1795634736562 } from './migrations/1795634736562-AddSessionsAndClientSettings';
import { AddInventory1795634799933 } from './migrations/1795634799933-AddInventory';
import { AddAgentCredentials1795635195816 } from './migrations/1795635195816-AddAgentCredentials';
import { DropCollectionMemberForeignKeys1795637062185 } from './migrations/1795637062185-DropCollectionMemberForeignKeys';
import { DeviceNamesInBytewiseOrder1795653863573 } from './migrations/1795653863573-DeviceNamesInBytewiseOrder';

/** Every migration in order; listed explicitly so bundling or a stray file can never change it. */
export const MIGRATIONS = [InitialSchema1795633953915, AddSessionsAndClientSettings1795634736562, AddInventory1795634799933, AddAgentCredentials1795635195816, DropCollectionMemberForeignKeys1795637062185, DeviceNamesInBytewiseOrder1795653863573];
