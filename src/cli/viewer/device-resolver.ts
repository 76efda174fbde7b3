import { ApiError } from '../client/api-error';
import { Device } from '../client/api.types';
import { UsageError } from '../client/credentials-store';
import { OperatorApi } from '../client/operator-api';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface DeviceReference {
  id?: string;
  name?: string;
  siteCode?: string;
}

/** `PC-01`, `S01\PC-01` (or `S01/PC-01`), or a device id. */
export function parseDeviceReference(raw: string): DeviceReference {
  const text = raw.trim();
  if (UUID.test(text)) return { id: text.toLowerCase() };
  const match = /^(?:([A-Za-z0-9]{3})[\\/])?([^\\/\s]{1,64})$/.exec(text);
  if (!match) throw new UsageError(`'${raw}' is not a device name, SITE\\NAME or a device id`);
  return { name: match[2], siteCode: match[1]?.toUpperCase() };
}

const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** The filter expression that finds a device by name (and site). */
export function deviceFilter(reference: DeviceReference): string {
  const byName = `name eq ${literal(reference.name ?? '')}`;
  return reference.siteCode ? `${byName} and siteCode eq ${literal(reference.siteCode)}` : byName;
}

/** Looks the device up; unknown or ambiguous names are usage errors that say what to type instead. */
export async function resolveDevice(api: OperatorApi, raw: string): Promise<Device> {
  const reference = parseDeviceReference(raw);
  if (reference.id) {
    try {
      return await api.getDevice(reference.id);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) throw new UsageError(`no device with id ${reference.id} (or it is outside your scope)`);
      throw error;
    }
  }
  const found = await api.findDevices(deviceFilter(reference));
  if (found.length === 0) throw new UsageError(`no device named ${raw} (or it is outside your scope)`);
  if (found.length > 1) {
    const choices = found.map((device) => `${device.siteCode}\\${device.name}`).join(', ');
    throw new UsageError(`${raw} is ambiguous: ${choices}; name the site as SITE\\NAME`);
  }
  return found[0];
}
