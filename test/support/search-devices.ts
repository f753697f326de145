import type { DeviceRecord } from '../../src/core/cache/records';
import { deviceLike } from './fleet-records';

/**
 * Devices whose names, serials and addresses trip a naive search: a curly apostrophe, names with
 * word starts inside them (ACME-DC01), addresses that contain one another as text (17.2.1.5,
 * 17.17.2.1, 117.2.1.4, 17.2.10.9), MACs in two notations, a serial containing "SRV" on a MacBook.
 * Ids from 900,001, clear of generated fleets.
 */
export function searchSpecimens(base: DeviceRecord): DeviceRecord[] {
  const device = (id: number, fields: Partial<DeviceRecord>): DeviceRecord => deviceLike(base, id, fields);
  return [
    device(900_001, { name: 'Grace’s MacBook Air', serial: 'C02XG0FDH7JY', ipAddresses: ['17.2.1.5'] }),
    device(900_002, { name: 'ACME-DC01', serial: 'VMW-1', ipAddresses: ['17.17.2.1'] }),
    device(900_003, { name: 'ACME-DC02', serial: 'VMW-2', ipAddresses: ['117.2.1.4'] }),
    device(900_004, { name: 'ACME-DC03', serial: 'VMW-3', ipAddresses: ['17.2.10.9'] }),
    device(900_005, { name: 'FJORDCREST-WS1', serial: 'FJ-1', ipAddresses: ['192.168.4.20'] }),
    device(900_006, {
      name: 'Olivia’s MacBook Pro',
      serial: 'C02SRV8Q1234',
      lastUser: 'olivia',
      ipAddresses: ['172.16.0.9'],
      macAddresses: ['A4:BB:6D:12:34:56'],
    }),
    device(900_007, {
      name: 'PRINTER-3F',
      serial: 'PRN-3',
      ipAddresses: ['172.16.0.50'],
      macAddresses: ['3c-52-82-0a-0b-0c'],
    }),
  ];
}
