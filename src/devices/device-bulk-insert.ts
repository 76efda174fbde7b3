import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { CreateDeviceDto } from './dto/create-device.dto';

const ROWS_PER_STATEMENT = 1000;
const COLUMNS = [
  'id', 'name', 'site_code', 'join_type', 'domain', 'workgroup', 'os_name', 'os_version',
  'client_version', 'client_active', 'logged_on_user', 'local_administrators', 'ip_addresses', 'version',
];

function rowOf(id: string, d: CreateDeviceDto): unknown[] {
  return [
    id, d.name, d.siteCode, d.joinType, d.domain ?? null, d.workgroup ?? null, d.osName ?? null, d.osVersion ?? null,
    d.clientVersion ?? null, d.clientActive ?? false, d.currentUser ?? null, d.localAdministrators ?? [], d.ipAddresses ?? [], 1,
  ];
}

/** Inserts validated devices with multi-row INSERTs; returns their new ids in input order. */
export async function insertDevices(manager: EntityManager, devices: CreateDeviceDto[]): Promise<string[]> {
  const ids = devices.map(() => randomUUID());
  for (let start = 0; start < devices.length; start += ROWS_PER_STATEMENT) {
    const params: unknown[] = [];
    const tuples: string[] = [];
    devices.slice(start, start + ROWS_PER_STATEMENT).forEach((device, i) => {
      const row = rowOf(ids[start + i], device);
      tuples.push(`(${row.map((value) => `$${params.push(value)}`).join(', ')})`);
    });
    await manager.query(`INSERT INTO devices (${COLUMNS.join(', ')}) VALUES ${tuples.join(', ')}`, params);
  }
  return ids;
}
