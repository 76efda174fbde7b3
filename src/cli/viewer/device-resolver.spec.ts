import { deviceFilter, parseDeviceReference } from './device-resolver';

describe('naming the device to connect to', () => {
  it('takes a name, SITE\\NAME or a device id', () => {
    expect(parseDeviceReference('PC-01')).toEqual({ name: 'PC-01', siteCode: undefined });
    expect(parseDeviceReference('s01\\PC-01')).toEqual({ name: 'PC-01', siteCode: 'S01' });
    expect(parseDeviceReference('S01/PC-01')).toEqual({ name: 'PC-01', siteCode: 'S01' });
    expect(parseDeviceReference('6C7B9A1E-0000-4000-8000-000000000042')).toEqual({ id: '6c7b9a1e-0000-4000-8000-000000000042' });
  });

  it('refuses what is none of these', () => {
    expect(() => parseDeviceReference('a b')).toThrow(/not a device name/);
    expect(() => parseDeviceReference('SITE1\\PC-01')).toThrow(/not a device name/);
  });

  it('builds the device filter, quoting names safely', () => {
    expect(deviceFilter({ name: 'PC-01' })).toBe("name eq 'PC-01'");
    expect(deviceFilter({ name: 'PC-01', siteCode: 'S01' })).toBe("name eq 'PC-01' and siteCode eq 'S01'");
    expect(deviceFilter({ name: "O'BRIEN" })).toBe("name eq 'O''BRIEN'");
  });
});
