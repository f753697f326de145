/**
 * The realistic raw material of the fake fleet: client names, sites, people, operating systems,
 * hardware, a software catalogue, OS and third-party patches, antivirus products and alert kinds.
 * All names are invented or generic product names; no real customer data.
 */
import { longTailTitles } from './long-tail';

// prettier-ignore
export const orgStems = [
  'Acme', 'Birchwood', 'Cobalt', 'Delta', 'Evergreen', 'Fjord', 'Granite', 'Harbor', 'Ironwood', 'Juniper',
  'Keystone', 'Lakeshore', 'Meridian', 'Northwind', 'Oakridge', 'Pinnacle', 'Quarry', 'Redwood', 'Summit',
  'Tidewater', 'Union', 'Vantage', 'Willow', 'Yellowstone', 'Zenith', 'Aspen', 'Bluebird', 'Cedar', 'Dunmore',
  'Elm Street', 'Foxglove', 'Glacier', 'Highland', 'Ivy', 'Jasper', 'Kingfisher', 'Lighthouse', 'Maple',
  'Nightingale', 'Orchard', 'Prairie', 'Riverside', 'Sterling', 'Thornbury', 'Upland', 'Valley', 'Westbrook',
];
// prettier-ignore
export const orgTrades = [
  'Dental', 'Legal', 'Logistics', 'Manufacturing', 'Family Clinic', 'Credit Union', 'Schools', 'Realty',
  'Engineering', 'Foods', 'Insurance', 'Architects', 'Accounting', 'Veterinary', 'Construction', 'Hotels',
  'Pharmacy', 'Auto Group', 'Design Studio', 'Wealth Partners', 'Orthopedics', 'Marine', 'Printing', 'Labs',
];
export const orgSuffixes = ['LLC', 'Inc.', 'Group', 'Partners', 'Co.', 'Ltd', ''];

// prettier-ignore
export const cities = [
  { city: 'Denver', state: 'CO', zip: '80202' },
  { city: 'Austin', state: 'TX', zip: '78701' },
  { city: 'Portland', state: 'OR', zip: '97205' },
  { city: 'Columbus', state: 'OH', zip: '43215' },
  { city: 'Raleigh', state: 'NC', zip: '27601' },
  { city: 'Tampa', state: 'FL', zip: '33602' },
  { city: 'Madison', state: 'WI', zip: '53703' },
  { city: 'Boise', state: 'ID', zip: '83702' },
  { city: 'Richmond', state: 'VA', zip: '23219' },
  { city: 'Tucson', state: 'AZ', zip: '85701' },
  { city: 'Omaha', state: 'NE', zip: '68102' },
  { city: 'Burlington', state: 'VT', zip: '05401' },
];
export const streets = [
  'Main St',
  'Market St',
  'Oak Ave',
  'Commerce Dr',
  'Industrial Pkwy',
  'Harbor Blvd',
  'Elm St',
];
export const siteNames = [
  'Headquarters',
  'Main Office',
  'Warehouse',
  'Branch Office',
  'Remote Workers',
  'Data Center',
];

// prettier-ignore
export const firstNames = [
  'James', 'Maria', 'Robert', 'Linda', 'Michael', 'Aisha', 'David', 'Chen', 'Sofia', 'Daniel', 'Priya',
  'Thomas', 'Fatima', 'Lucas', 'Emily', 'Kenji', 'Olivia', 'Mateo', 'Hannah', 'Noah', 'Grace', 'Omar',
  'Isabel', 'Ethan', 'Zoe', 'Samuel', 'Leah', 'Victor', 'Nora', 'Andre',
];
// prettier-ignore
export const lastNames = [
  'Smith', 'Garcia', 'Johnson', 'Chen', 'Okafor', 'Novak', 'Kumar', 'Nguyen', 'Miller', 'Rossi', 'Kowalski',
  'Haddad', 'Silva', 'Tanaka', 'Brown', 'Schmidt', 'Murphy', 'Lopez', 'Anderson', 'Ivanova', 'Patel', 'Dubois',
];

export type Platform = 'windows' | 'mac' | 'linux';

export interface OsRelease {
  name: string;
  manufacturer: string;
  buildNumber: string;
  releaseId: string;
  weight: number;
}

// prettier-ignore
export const windowsWorkstationOs: OsRelease[] = [
  { name: 'Windows 11 Pro', manufacturer: 'Microsoft Corporation', buildNumber: '22631', releaseId: '23H2', weight: 40 },
  { name: 'Windows 11 Pro', manufacturer: 'Microsoft Corporation', buildNumber: '26100', releaseId: '24H2', weight: 20 },
  { name: 'Windows 11 Enterprise', manufacturer: 'Microsoft Corporation', buildNumber: '22631', releaseId: '23H2', weight: 8 },
  { name: 'Windows 10 Pro', manufacturer: 'Microsoft Corporation', buildNumber: '19045', releaseId: '22H2', weight: 28 },
  { name: 'Windows 10 Enterprise LTSC 2021', manufacturer: 'Microsoft Corporation', buildNumber: '19044', releaseId: '21H2', weight: 4 },
];
// prettier-ignore
export const windowsServerOs: OsRelease[] = [
  { name: 'Windows Server 2022 Standard', manufacturer: 'Microsoft Corporation', buildNumber: '20348', releaseId: '21H2', weight: 45 },
  { name: 'Windows Server 2019 Standard', manufacturer: 'Microsoft Corporation', buildNumber: '17763', releaseId: '1809', weight: 30 },
  { name: 'Windows Server 2016 Standard', manufacturer: 'Microsoft Corporation', buildNumber: '14393', releaseId: '1607', weight: 12 },
  { name: 'Windows Server 2025 Datacenter', manufacturer: 'Microsoft Corporation', buildNumber: '26100', releaseId: '24H2', weight: 8 },
  { name: 'Windows Server 2022 Datacenter', manufacturer: 'Microsoft Corporation', buildNumber: '20348', releaseId: '21H2', weight: 5 },
];
// prettier-ignore
export const macOs: OsRelease[] = [
  { name: 'macOS 15 Sequoia', manufacturer: 'Apple Inc.', buildNumber: '24C101', releaseId: '15.2', weight: 45 },
  { name: 'macOS 14 Sonoma', manufacturer: 'Apple Inc.', buildNumber: '23H222', releaseId: '14.7.2', weight: 40 },
  { name: 'macOS 13 Ventura', manufacturer: 'Apple Inc.', buildNumber: '22H313', releaseId: '13.7.2', weight: 15 },
];
// prettier-ignore
export const linuxOs: OsRelease[] = [
  { name: 'Ubuntu 24.04.1 LTS', manufacturer: 'Canonical', buildNumber: '6.8.0-51-generic', releaseId: '24.04', weight: 40 },
  { name: 'Ubuntu 22.04.5 LTS', manufacturer: 'Canonical', buildNumber: '5.15.0-130-generic', releaseId: '22.04', weight: 30 },
  { name: 'Red Hat Enterprise Linux 9.5', manufacturer: 'Red Hat', buildNumber: '5.14.0-503.el9', releaseId: '9.5', weight: 15 },
  { name: 'Debian GNU/Linux 12 (bookworm)', manufacturer: 'Debian', buildNumber: '6.1.0-28-amd64', releaseId: '12', weight: 15 },
];

export interface HardwareModel {
  manufacturer: string;
  model: string;
  chassis: 'LAPTOP' | 'DESKTOP' | 'SERVER' | 'VIRTUAL';
  cpu: string;
  cores: number;
  threads: number;
  clockHz: number;
  ramGiB: readonly number[];
  diskGB: readonly number[];
  serialPrefix: string;
}

// prettier-ignore
export const workstationHardware: HardwareModel[] = [
  { manufacturer: 'Dell Inc.', model: 'Latitude 5440', chassis: 'LAPTOP', cpu: '13th Gen Intel(R) Core(TM) i5-1345U', cores: 10, threads: 12, clockHz: 1_600_000_000, ramGiB: [16, 32], diskGB: [256, 512], serialPrefix: '' },
  { manufacturer: 'Dell Inc.', model: 'Latitude 7440', chassis: 'LAPTOP', cpu: '13th Gen Intel(R) Core(TM) i7-1365U', cores: 10, threads: 12, clockHz: 1_800_000_000, ramGiB: [16, 32], diskGB: [512], serialPrefix: '' },
  { manufacturer: 'Dell Inc.', model: 'OptiPlex 7010', chassis: 'DESKTOP', cpu: '13th Gen Intel(R) Core(TM) i5-13500', cores: 14, threads: 20, clockHz: 2_500_000_000, ramGiB: [8, 16], diskGB: [256, 512], serialPrefix: '' },
  { manufacturer: 'HP', model: 'HP EliteBook 840 G10', chassis: 'LAPTOP', cpu: '13th Gen Intel(R) Core(TM) i5-1335U', cores: 10, threads: 12, clockHz: 1_300_000_000, ramGiB: [16], diskGB: [512], serialPrefix: '5CG' },
  { manufacturer: 'HP', model: 'HP ProDesk 400 G9 SFF', chassis: 'DESKTOP', cpu: '12th Gen Intel(R) Core(TM) i5-12500', cores: 6, threads: 12, clockHz: 3_000_000_000, ramGiB: [8, 16], diskGB: [256], serialPrefix: 'MXL' },
  { manufacturer: 'LENOVO', model: '21HD0054US', chassis: 'LAPTOP', cpu: 'AMD Ryzen 7 PRO 7840U w/ Radeon 780M Graphics', cores: 8, threads: 16, clockHz: 3_300_000_000, ramGiB: [16, 32], diskGB: [512, 1024], serialPrefix: 'PF' },
  { manufacturer: 'LENOVO', model: '11T3002TUS', chassis: 'DESKTOP', cpu: '13th Gen Intel(R) Core(TM) i5-13400T', cores: 10, threads: 16, clockHz: 1_300_000_000, ramGiB: [16], diskGB: [256, 512], serialPrefix: 'MJ' },
  { manufacturer: 'Microsoft Corporation', model: 'Surface Laptop 5', chassis: 'LAPTOP', cpu: '12th Gen Intel(R) Core(TM) i7-1255U', cores: 10, threads: 12, clockHz: 1_700_000_000, ramGiB: [16], diskGB: [512], serialPrefix: '0F' },
];
// prettier-ignore
export const serverHardware: HardwareModel[] = [
  { manufacturer: 'Dell Inc.', model: 'PowerEdge R650', chassis: 'SERVER', cpu: 'Intel(R) Xeon(R) Silver 4314 CPU @ 2.40GHz', cores: 16, threads: 32, clockHz: 2_400_000_000, ramGiB: [64, 128, 256], diskGB: [960, 1920, 3840], serialPrefix: '' },
  { manufacturer: 'Dell Inc.', model: 'PowerEdge T350', chassis: 'SERVER', cpu: 'Intel(R) Xeon(R) E-2336 CPU @ 2.90GHz', cores: 6, threads: 12, clockHz: 2_900_000_000, ramGiB: [32, 64], diskGB: [960, 1920], serialPrefix: '' },
  { manufacturer: 'HPE', model: 'ProLiant DL360 Gen10 Plus', chassis: 'SERVER', cpu: 'Intel(R) Xeon(R) Gold 5318Y CPU @ 2.10GHz', cores: 24, threads: 48, clockHz: 2_100_000_000, ramGiB: [128, 256], diskGB: [1920, 3840], serialPrefix: 'CZJ' },
  { manufacturer: 'VMware, Inc.', model: 'VMware20,1', chassis: 'VIRTUAL', cpu: 'Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz', cores: 4, threads: 4, clockHz: 2_000_000_000, ramGiB: [8, 16, 32], diskGB: [100, 200, 500], serialPrefix: 'VMware-' },
];
// prettier-ignore
export const macHardware: HardwareModel[] = [
  { manufacturer: 'Apple Inc.', model: 'MacBookPro18,3', chassis: 'LAPTOP', cpu: 'Apple M1 Pro', cores: 10, threads: 10, clockHz: 3_220_000_000, ramGiB: [16, 32], diskGB: [512, 1024], serialPrefix: 'C02' },
  { manufacturer: 'Apple Inc.', model: 'Mac15,3', chassis: 'LAPTOP', cpu: 'Apple M3', cores: 8, threads: 8, clockHz: 4_050_000_000, ramGiB: [8, 16, 24], diskGB: [512, 1024], serialPrefix: 'H' },
  { manufacturer: 'Apple Inc.', model: 'Mac14,2', chassis: 'LAPTOP', cpu: 'Apple M2', cores: 8, threads: 8, clockHz: 3_490_000_000, ramGiB: [8, 16], diskGB: [256, 512], serialPrefix: 'K' },
  { manufacturer: 'Apple Inc.', model: 'Mac14,3', chassis: 'DESKTOP', cpu: 'Apple M2', cores: 8, threads: 8, clockHz: 3_490_000_000, ramGiB: [16], diskGB: [512], serialPrefix: 'M' },
];
// prettier-ignore
export const esxiHosts = [
  { vendor: 'Dell Inc.', model: 'PowerEdge R750', cpuModel: 'Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz', cpuMhz: 1995, cpuCores: 64, cpuPackages: 2, memoryGiB: 512 },
  { vendor: 'HPE', model: 'ProLiant DL380 Gen10 Plus', cpuModel: 'Intel(R) Xeon(R) Gold 5320 CPU @ 2.20GHz', cpuMhz: 2200, cpuCores: 52, cpuPackages: 2, memoryGiB: 384 },
  { vendor: 'Lenovo', model: 'ThinkSystem SR650 V2', cpuModel: 'Intel(R) Xeon(R) Silver 4316 CPU @ 2.30GHz', cpuMhz: 2300, cpuCores: 40, cpuPackages: 2, memoryGiB: 256 },
];
export const esxiReleases = [
  { releaseName: 'VMware ESXi 8.0.3', version: '8.0.3', buildNumber: '24022510' },
  { releaseName: 'VMware ESXi 7.0.3', version: '7.0.3', buildNumber: '21930508' },
];
export const networkModels: Record<string, { vendor: string; models: string[]; prefix: string }> = {
  NMS_SWITCH: {
    vendor: 'Cisco',
    models: ['Catalyst 9200L-48P', 'Catalyst 9300-24T', 'CBS350-24P'],
    prefix: 'SW',
  },
  NMS_ROUTER: { vendor: 'Cisco', models: ['ISR 1111-8P', 'ISR 4331'], prefix: 'RTR' },
  NMS_FIREWALL: {
    vendor: 'Fortinet',
    models: ['FortiGate 60F', 'FortiGate 100F', 'FortiGate 40F'],
    prefix: 'FW',
  },
  NMS_PRINTER: {
    vendor: 'HP',
    models: ['LaserJet Pro M404dn', 'Color LaserJet MFP M479fdw', 'OfficeJet Pro 9025e'],
    prefix: 'PRN',
  },
  NMS_WAP: { vendor: 'Ubiquiti', models: ['UniFi U6-Pro', 'UniFi U6-Lite', 'UniFi AC Pro'], prefix: 'AP' },
};
export const mobileModels = [
  { manufacturer: 'Apple Inc.', model: 'iPhone 15', os: 'iOS 18.2', build: '22C152' },
  { manufacturer: 'Apple Inc.', model: 'iPhone 14', os: 'iOS 17.7', build: '21H16' },
];
export const carriers = ['Verizon', 'AT&T', 'T-Mobile'];

export interface SoftwareTitle {
  name: string;
  publisher: string;
  versions: readonly string[];
  platform: Platform;
  /** Percent chance that a workstation of the platform has it. */
  weight: number;
  /** Percent chance that a server of the platform has it. */
  serverWeight: number;
  core?: boolean;
  sizeMb: number;
  system?: boolean;
  location?: string | undefined;
  /** Part of the long tail (`long-tail.ts`): only devices of the realistic software profile have it. */
  longTail?: boolean;
}

interface TitleOptions {
  core?: boolean;
  system?: boolean;
  location?: string;
  /** Percent chance on a Windows server (default: a third of `weight`). */
  serverWeight?: number;
}
const title =
  (platform: Platform) =>
  (
    name: string,
    publisher: string,
    versions: string[],
    weight: number,
    sizeMb: number,
    options: TitleOptions = {},
  ): SoftwareTitle => ({
    name,
    publisher,
    versions,
    platform,
    weight,
    sizeMb,
    serverWeight: options.serverWeight ?? (options.core ? 100 : Math.round(weight / 3)),
    ...options,
    location: options.location ?? (platform === 'mac' ? `/Applications/${name}.app` : undefined),
  });
const win = title('windows');
const mac = title('mac');
const deb = title('linux');

/**
 * `weight` is the percent chance that a workstation of the platform has the title (servers use
 * `serverWeight`); `core` titles are everywhere. The weights give Windows workstations about 40
 * titles, servers about 30, Macs about 20 and Linux servers about 12, as a real inventory would.
 */
// prettier-ignore
const mainCatalogue: SoftwareTitle[] = [
  // Windows: on every machine
  win('NinjaRMMAgent', 'NinjaRMM LLC', ['5.9.1158', '5.9.9652', '6.0.1901'], 100, 180, { core: true, location: 'C:\\Program Files (x86)\\NinjaRMMAgent' }),
  win('Microsoft Edge', 'Microsoft Corporation', ['131.0.2903.112', '131.0.2903.86', '130.0.2849.80'], 100, 520, { core: true, location: 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application' }),
  win('Microsoft Edge WebView2 Runtime', 'Microsoft Corporation', ['131.0.2903.112', '131.0.2903.86'], 100, 600, { core: true }),
  win('Microsoft Visual C++ 2015-2022 Redistributable (x64) - 14.40.33810', 'Microsoft Corporation', ['14.40.33810.0'], 100, 21, { core: true, system: true }),
  win('Microsoft Visual C++ 2015-2022 Redistributable (x86) - 14.40.33810', 'Microsoft Corporation', ['14.40.33810.0'], 100, 18, { core: true, system: true }),
  win('Microsoft Update Health Tools', 'Microsoft Corporation', ['5.72.0.0', '3.74.0.0'], 100, 1, { core: true, system: true }),
  win('Microsoft Visual C++ 2022 X64 Minimum Runtime - 14.40.33810', 'Microsoft Corporation', ['14.40.33810'], 100, 3, { core: true, system: true }),
  win('Microsoft Visual C++ 2022 X64 Additional Runtime - 14.40.33810', 'Microsoft Corporation', ['14.40.33810'], 100, 11, { core: true, system: true }),
  win('Microsoft Visual C++ 2022 X86 Minimum Runtime - 14.40.33810', 'Microsoft Corporation', ['14.40.33810'], 100, 2, { core: true, system: true }),
  win('Microsoft Visual C++ 2022 X86 Additional Runtime - 14.40.33810', 'Microsoft Corporation', ['14.40.33810'], 100, 10, { core: true, system: true }),
  // Windows: runtimes, drivers and vendor components
  win('Microsoft Visual C++ 2012 Redistributable (x86) - 11.0.61030', 'Microsoft Corporation', ['11.0.61030.0'], 55, 17, { system: true, serverWeight: 35 }),
  win('Microsoft Visual C++ 2010  x86 Redistributable - 10.0.40219', 'Microsoft Corporation', ['10.0.40219'], 45, 11, { system: true, serverWeight: 30 }),
  win('Microsoft Visual C++ 2008 Redistributable - x64 9.0.30729.6161', 'Microsoft Corporation', ['9.0.30729.6161'], 35, 13, { system: true, serverWeight: 30 }),
  win('Microsoft .NET Runtime - 6.0.36 (x64)', 'Microsoft Corporation', ['6.0.36.34217'], 45, 68, { system: true, serverWeight: 40 }),
  win('Microsoft Windows Desktop Runtime - 6.0.36 (x64)', 'Microsoft Corporation', ['6.0.36.34217'], 45, 90, { system: true, serverWeight: 20 }),
  win('Microsoft Visual Studio 2010 Tools for Office Runtime (x64)', 'Microsoft Corporation', ['10.0.60917'], 45, 5, { system: true, serverWeight: 5 }),
  win('Microsoft Teams Meeting Add-in for Microsoft Office', 'Microsoft Corporation', ['1.24.27604'], 60, 30, { serverWeight: 2 }),
  win('Microsoft GameInput', 'Microsoft Corporation', ['10.1.26100.3037'], 55, 3, { system: true, serverWeight: 0 }),
  win('Microsoft Search in Bing', 'Microsoft Corporation', ['2.0.2'], 20, 1, { serverWeight: 0 }),
  win('Windows Subsystem for Linux', 'Microsoft Corporation', ['2.3.26.0'], 8, 700, { serverWeight: 3 }),
  win('Google Update Helper', 'Google LLC', ['1.3.36.412'], 55, 1, { system: true, serverWeight: 20 }),
  win('Mozilla Maintenance Service', 'Mozilla', ['133.0.3'], 22, 1, { system: true }),
  win('Adobe Genuine Service', 'Adobe Inc.', ['8.7.0.1'], 30, 20, { serverWeight: 3 }),
  win('Adobe Refresh Manager', 'Adobe Systems Incorporated', ['1.8.0'], 35, 2, { serverWeight: 5 }),
  win('Zoom Outlook Plugin', 'Zoom Video Communications, Inc.', ['6.3.0'], 15, 12, { serverWeight: 0 }),
  win('Intel(R) Chipset Device Software', 'Intel(R) Corporation', ['10.1.19444.8378'], 50, 3, { system: true, serverWeight: 20 }),
  win('Intel(R) Dynamic Tuning Technology', 'Intel Corporation', ['9.0.11901.39486'], 30, 20, { system: true, serverWeight: 0 }),
  win('Dell Optimizer', 'Dell Inc.', ['5.0.1102.0'], 10, 250, { serverWeight: 0 }),
  win('Dell Power Manager Service', 'Dell Inc.', ['3.15.0'], 15, 40, { serverWeight: 0 }),
  win('Dell Peripheral Manager', 'Dell Inc.', ['1.7.7'], 12, 60, { serverWeight: 0 }),
  win('HP Sure Click', 'HP Inc.', ['4.4.8.123'], 8, 300, { serverWeight: 0 }),
  win('Lenovo Now', 'Lenovo', ['1.3.1.0'], 8, 120, { serverWeight: 0 }),
  win('Microsoft Visual C++ 2013 Redistributable (x64) - 12.0.40664', 'Microsoft Corporation', ['12.0.40664.0'], 80, 20, { system: true, serverWeight: 60 }),
  win('Microsoft Visual C++ 2013 Redistributable (x86) - 12.0.40664', 'Microsoft Corporation', ['12.0.40664.0'], 78, 17, { system: true, serverWeight: 50 }),
  win('Microsoft Visual C++ 2012 Redistributable (x64) - 11.0.61030', 'Microsoft Corporation', ['11.0.61030.0'], 70, 20, { system: true, serverWeight: 45 }),
  win('Microsoft Visual C++ 2010  x64 Redistributable - 10.0.40219', 'Microsoft Corporation', ['10.0.40219'], 65, 14, { system: true, serverWeight: 45 }),
  win('Microsoft Visual C++ 2008 Redistributable - x86 9.0.30729.6161', 'Microsoft Corporation', ['9.0.30729.6161'], 55, 10, { system: true, serverWeight: 35 }),
  win('Microsoft .NET Runtime - 8.0.11 (x64)', 'Microsoft Corporation', ['8.0.11.34221', '8.0.10.34120'], 60, 70, { system: true, serverWeight: 55 }),
  win('Microsoft Windows Desktop Runtime - 8.0.11 (x64)', 'Microsoft Corporation', ['8.0.11.34221'], 55, 95, { system: true, serverWeight: 30 }),
  win('Microsoft ASP.NET Core 8.0.11 - Shared Framework (x64)', 'Microsoft Corporation', ['8.0.11.24521'], 25, 30, { system: true, serverWeight: 50 }),
  win('Microsoft ODBC Driver 17 for SQL Server', 'Microsoft Corporation', ['17.10.6.1'], 20, 10, { serverWeight: 55 }),
  win('Microsoft OLE DB Driver for SQL Server', 'Microsoft Corporation', ['18.7.4.0'], 12, 8, { serverWeight: 40 }),
  win('Microsoft Access database engine 2016 (English)', 'Microsoft Corporation', ['16.0.5044.1000'], 15, 180),
  win('Microsoft Intune Management Extension', 'Microsoft Corporation', ['1.83.107.0'], 45, 60, { serverWeight: 5 }),
  win('Microsoft Policy Platform', 'Microsoft Corporation', ['68.1.1010.0'], 50, 4, { system: true }),
  win('Windows PC Health Check', 'Microsoft Corporation', ['3.6.2204.08001'], 55, 12, { serverWeight: 0 }),
  win('Teams Machine-Wide Installer', 'Microsoft Corporation', ['1.7.0.19452'], 35, 120, { serverWeight: 3 }),
  win('Office 16 Click-to-Run Extensibility Component', 'Microsoft Corporation', ['16.0.18227.20162'], 70, 30, { system: true, serverWeight: 10 }),
  win('Office 16 Click-to-Run Localization Component', 'Microsoft Corporation', ['16.0.18227.20162'], 70, 12, { system: true, serverWeight: 10 }),
  win('Intel(R) Management Engine Components', 'Intel Corporation', ['2406.5.5.0', '2345.5.42.0'], 55, 60, { system: true, serverWeight: 5 }),
  win('Intel(R) Serial IO', 'Intel Corporation', ['30.100.2405.44'], 40, 5, { system: true, serverWeight: 0 }),
  win('Intel(R) Rapid Storage Technology', 'Intel Corporation', ['19.5.2.1049'], 30, 40, { system: true, serverWeight: 5 }),
  win('Intel(R) Wireless Bluetooth(R)', 'Intel Corporation', ['23.90.0.4'], 45, 25, { system: true, serverWeight: 0 }),
  win('Intel(R) PROSet/Wireless Software', 'Intel Corporation', ['23.90.0'], 40, 90, { system: true, serverWeight: 0 }),
  win('Intel(R) Graphics Driver', 'Intel Corporation', ['31.0.101.5595', '31.0.101.4953'], 50, 1100, { system: true, serverWeight: 0 }),
  win('Realtek Audio Driver', 'Realtek Semiconductor Corp.', ['6.0.9618.1', '6.0.9549.1'], 50, 290, { system: true, serverWeight: 0 }),
  win('Realtek Card Reader', 'Realtek Semiconductor Corp.', ['10.0.22000.21355'], 25, 5, { system: true, serverWeight: 0 }),
  win('Synaptics Pointing Device Driver', 'Synaptics Incorporated', ['19.5.35.1'], 20, 50, { system: true, serverWeight: 0 }),
  win('NVIDIA Graphics Driver 566.36', 'NVIDIA Corporation', ['566.36'], 6, 1300, { system: true, serverWeight: 0 }),
  win('Dell SupportAssist', 'Dell Inc.', ['4.5.2.28551'], 22, 300, { serverWeight: 0 }),
  win('Dell Command | Update for Windows Universal', 'Dell Inc.', ['5.4.0', '5.3.0'], 25, 60, { serverWeight: 10 }),
  win('Dell OpenManage Server Administrator', 'Dell Inc.', ['11.0.1.0'], 0, 400, { serverWeight: 25 }),
  win('HP Wolf Security', 'HP Inc.', ['4.6.19.4075'], 12, 420, { serverWeight: 0 }),
  win('HP Notifications', 'HP Inc.', ['1.1.30.1'], 12, 10, { serverWeight: 0 }),
  win('Lenovo Vantage Service', 'Lenovo Group Ltd.', ['4.2.28.0'], 12, 120, { serverWeight: 0 }),
  win('Lenovo System Update', 'Lenovo', ['5.08.03.59'], 10, 40, { serverWeight: 0 }),
  // Windows: applications
  win('Google Chrome', 'Google LLC', ['131.0.6778.205', '131.0.6778.140', '130.0.6723.117', '118.0.5993.118'], 80, 410, { location: 'C:\\Program Files\\Google\\Chrome\\Application', serverWeight: 30 }),
  win('Mozilla Firefox (x64 en-US)', 'Mozilla', ['133.0.3', '133.0', '128.5.2esr'], 25, 240, { location: 'C:\\Program Files\\Mozilla Firefox' }),
  win('Microsoft 365 Apps for enterprise - en-us', 'Microsoft Corporation', ['16.0.18227.20162', '16.0.17928.20336'], 75, 3200, { serverWeight: 8 }),
  win('Microsoft Teams', 'Microsoft Corporation', ['24335.206.3314.4930', '24295.605.3225.8804'], 65, 420, { serverWeight: 2 }),
  win('Microsoft OneDrive', 'Microsoft Corporation', ['24.226.1110.0004', '24.211.1020.0001'], 75, 290, { serverWeight: 5 }),
  win('Zoom Workplace (64-bit)', 'Zoom Video Communications, Inc.', ['6.3.1.53195', '6.2.11.50925'], 40, 310, { serverWeight: 0 }),
  win('Adobe Acrobat (64-bit)', 'Adobe', ['24.005.20320', '24.004.20272'], 60, 780, { serverWeight: 10 }),
  win('7-Zip 24.09 (x64)', 'Igor Pavlov', ['24.09'], 45, 6, { serverWeight: 45 }),
  win('Notepad++ (64-bit x64)', 'Notepad++ Team', ['8.7.4', '8.6.9'], 25, 15, { serverWeight: 40 }),
  win('VLC media player', 'VideoLAN', ['3.0.21', '3.0.20'], 18, 170, { serverWeight: 0 }),
  win('Java 8 Update 431 (64-bit)', 'Oracle Corporation', ['8.0.4310.10'], 12, 210),
  win('Cisco Secure Client - AnyConnect VPN', 'Cisco Systems, Inc.', ['5.1.6.103', '5.1.4.74'], 18, 75, { serverWeight: 0 }),
  win('FortiClient VPN', 'Fortinet Technologies Inc', ['7.4.2.1737', '7.2.5.0953'], 12, 330, { serverWeight: 0 }),
  win('Splashtop Streamer', 'Splashtop Inc.', ['3.7.2.4', '3.7.0.0'], 30, 95, { serverWeight: 30 }),
  win('TeamViewer', 'TeamViewer', ['15.60.3', '15.59.5'], 10, 140),
  // Remote tools a user installed: what "every device with AnyDesk" hunts for.
  win('AnyDesk', 'AnyDesk Software GmbH', ['9.0.4', '8.1.0', '7.1.17'], 5, 8, { serverWeight: 2 }),
  win('Slack (Machine - MSI)', 'Slack Technologies Inc.', ['4.41.105'], 20, 380, { serverWeight: 0 }),
  win('Cisco Webex Meetings', 'Cisco Webex LLC', ['44.12.0.31359'], 8, 260, { serverWeight: 0 }),
  win('Dropbox', 'Dropbox, Inc.', ['214.4.5383'], 10, 460, { serverWeight: 0 }),
  win('Google Drive', 'Google LLC', ['102.0.0.0', '101.0.3.0'], 10, 330, { serverWeight: 0 }),
  win('Microsoft Visual Studio Code', 'Microsoft Corporation', ['1.96.2', '1.95.3'], 10, 380),
  win('Git', 'The Git Development Community', ['2.47.1', '2.46.2'], 8, 330),
  win('Python 3.12.8 (64-bit)', 'Python Software Foundation', ['3.12.8150.0'], 8, 105),
  win('PuTTY release 0.82 (64-bit)', 'Simon Tatham', ['0.82.0.0'], 8, 5, { serverWeight: 15 }),
  win('WinSCP 6.3.6', 'Martin Prikryl', ['6.3.6'], 6, 40, { serverWeight: 12 }),
  win('KeePass Password Safe 2.57.1', 'Dominik Reichl', ['2.57.1'], 5, 15),
  win('Bitwarden', 'Bitwarden Inc.', ['2024.12.1'], 6, 350, { serverWeight: 0 }),
  win('QuickBooks Desktop Pro 2024', 'Intuit Inc.', ['34.0.4002.3401'], 6, 1900, { serverWeight: 8 }),
  win('Sage 50 Accounting 2025', 'Sage', ['32.0.1'], 3, 1200),
  win('Autodesk AutoCAD LT 2025', 'Autodesk', ['T.114.0.0'], 4, 6500, { serverWeight: 0 }),
  win('Microsoft Power BI Desktop (x64)', 'Microsoft Corporation', ['2.139.1678.0'], 5, 1400, { serverWeight: 0 }),
  win('Citrix Workspace 2409', 'Citrix Systems, Inc.', ['24.9.10.28'], 6, 500, { serverWeight: 0 }),
  win('Greenshot 1.2.10.6', 'Greenshot', ['1.2.10.6'], 5, 5, { serverWeight: 0 }),
  win('Paint.NET', 'dotPDN LLC', ['5.1.1'], 4, 180, { serverWeight: 0 }),
  win('Veeam Agent for Microsoft Windows', 'Veeam Software Group GmbH', ['6.2.0.121'], 6, 550, { serverWeight: 30 }),
  win('Sophos Endpoint Agent', 'Sophos Limited', ['2024.3.1.3'], 5, 900, { serverWeight: 5 }),
  win('Microsoft OneNote - en-us', 'Microsoft Corporation', ['16.0.18227.20162'], 55, 900, { serverWeight: 0 }),
  win('Foxit PDF Reader', 'Foxit Software Inc.', ['2024.4.0.27683'], 12, 500, { serverWeight: 0 }),
  win('Logi Options+', 'Logitech', ['1.83.641193'], 18, 400, { serverWeight: 0 }),
  win('Jabra Direct', 'GN Audio A/S', ['6.18.13101'], 10, 150, { serverWeight: 0 }),
  win('DisplayLink Graphics', 'DisplayLink Corp.', ['11.4.9747.0'], 18, 90, { serverWeight: 0 }),
  win('HP Smart Universal Printing', 'HP Inc.', ['7.3.0.25919'], 22, 60, { serverWeight: 15 }),
  win('Canon Generic Plus PCL6 Printer Driver', 'Canon Inc.', ['3.20'], 10, 40, { serverWeight: 10 }),
  win('Remote Desktop', 'Microsoft Corporation', ['1.2.5910.0'], 15, 40, { serverWeight: 0 }),
  win('Spotify', 'Spotify AB', ['1.2.52.442'], 8, 320, { serverWeight: 0 }),
  win('Grammarly for Windows', 'Grammarly', ['1.2.113.1541'], 8, 220, { serverWeight: 0 }),
  // Windows: server roles and tools
  win('Microsoft SQL Server 2019 (64-bit)', 'Microsoft Corporation', ['15.0.4405.4'], 0, 1600, { serverWeight: 25 }),
  win('Microsoft SQL Server Management Studio - 20.2', 'Microsoft Corporation', ['20.2.30.0'], 3, 1000, { serverWeight: 25 }),
  win('IIS URL Rewrite Module 2', 'Microsoft Corporation', ['7.2.1993'], 0, 3, { serverWeight: 20 }),
  win('Veeam Backup & Replication', 'Veeam Software Group GmbH', ['12.2.0.334'], 0, 4200, { serverWeight: 8 }),
  win('Remote Desktop Connection Manager', 'Microsoft Corporation', ['2.93.0.0'], 2, 2, { serverWeight: 15 }),
  win('VMware Tools', 'VMware, Inc.', ['12.4.5.23787635'], 0, 120, { serverWeight: 0 }),
  // macOS
  mac('NinjaOne Agent', 'NinjaRMM LLC', ['5.9.9652'], 100, 150, { core: true, location: '/Applications/NinjaRMMAgent' }),
  mac('Safari', 'Apple Inc.', ['18.2', '17.6'], 100, 30, { core: true, system: true }),
  mac('Google Chrome', 'Google LLC', ['131.0.6778.205', '131.0.6778.140', '119.0.6045.199'], 75, 1200),
  mac('Microsoft Word', 'Microsoft Corporation', ['16.92', '16.91'], 70, 2400),
  mac('Microsoft Excel', 'Microsoft Corporation', ['16.92', '16.91'], 70, 2100),
  mac('Microsoft PowerPoint', 'Microsoft Corporation', ['16.92', '16.91'], 60, 1800),
  mac('Microsoft Outlook', 'Microsoft Corporation', ['16.92', '16.91'], 65, 2000),
  mac('Microsoft AutoUpdate', 'Microsoft Corporation', ['4.77'], 70, 30),
  mac('Microsoft Teams', 'Microsoft Corporation', ['24335.206.3314.4930'], 60, 650),
  mac('OneDrive', 'Microsoft Corporation', ['24.226.1110'], 55, 550),
  mac('zoom.us', 'Zoom Video Communications, Inc.', ['6.3.1 (45300)'], 45, 350),
  mac('Slack', 'Slack Technologies, Inc.', ['4.41.105'], 40, 420),
  mac('Firefox', 'Mozilla', ['133.0.3'], 20, 400),
  mac('1Password', 'AgileBits Inc.', ['8.10.56'], 25, 400),
  mac('Adobe Acrobat Reader', 'Adobe Inc.', ['24.005.20320'], 35, 800),
  mac('Visual Studio Code', 'Microsoft Corporation', ['1.96.2'], 15, 600),
  mac('Docker', 'Docker Inc.', ['4.37.1'], 8, 2100),
  mac('Xcode', 'Apple Inc.', ['16.2'], 5, 12000),
  mac('Splashtop Streamer', 'Splashtop Inc.', ['3.7.2.4'], 30, 80),
  mac('Keynote', 'Apple Inc.', ['14.3'], 40, 700),
  mac('Numbers', 'Apple Inc.', ['14.3'], 40, 600),
  mac('Pages', 'Apple Inc.', ['14.3'], 40, 650),
  mac('GarageBand', 'Apple Inc.', ['10.4.11'], 25, 1300),
  mac('iMovie', 'Apple Inc.', ['10.4.2'], 30, 3000),
  mac('Rectangle', 'Ryan Hanson', ['0.85'], 10, 10),
  // Linux packages (servers report packages; `weight` applies to both workstations and servers)
  deb('ninjarmm-agent', 'NinjaRMM LLC', ['5.9.9652'], 100, 90, { core: true, location: '/opt/NinjaRMMAgent' }),
  deb('openssh-server', 'OpenBSD', ['1:9.6p1-3ubuntu13.5', '1:8.9p1-3ubuntu0.10'], 100, 2, { core: true, system: true }),
  deb('curl', 'curl', ['8.5.0-2ubuntu10.6', '7.81.0-1ubuntu1.20'], 100, 1, { core: true, system: true }),
  deb('python3', 'Python Software Foundation', ['3.12.3-0ubuntu2', '3.10.6-1~22.04.1'], 100, 1, { core: true, system: true }),
  deb('openssl', 'OpenSSL Project', ['3.0.13-0ubuntu3.4', '3.0.2-0ubuntu1.18'], 100, 2, { core: true, system: true }),
  deb('sudo', 'Todd C. Miller', ['1.9.15p5-3ubuntu5', '1.9.9-1ubuntu2.4'], 100, 3, { core: true, system: true }),
  deb('nginx', 'Nginx, Inc.', ['1.24.0-2ubuntu7.1', '1.18.0-6ubuntu14.5'], 35, 2, { serverWeight: 35 }),
  deb('docker-ce', 'Docker Inc.', ['5:27.4.1-1~ubuntu.24.04~noble'], 30, 100, { serverWeight: 30 }),
  deb('postgresql-16', 'PostgreSQL Global Development Group', ['16.6-0ubuntu0.24.04.1'], 15, 40, { serverWeight: 15 }),
  deb('git', 'The Git Development Community', ['1:2.43.0-1ubuntu7.1'], 45, 30, { serverWeight: 45 }),
  deb('fail2ban', 'Fail2Ban', ['1.0.2-3ubuntu0.1'], 20, 2, { serverWeight: 20 }),
  deb('apache2', 'Apache Software Foundation', ['2.4.58-1ubuntu8.5'], 15, 2, { serverWeight: 15 }),
  deb('redis-server', 'Redis Ltd.', ['5:7.0.15-1ubuntu0.24.04.1'], 10, 1, { serverWeight: 10 }),
  deb('unattended-upgrades', 'Debian', ['2.9.1+nmu4ubuntu1'], 60, 1, { system: true, serverWeight: 60 }),
  deb('htop', 'Hisham Muhammad', ['3.3.0-4build1'], 50, 1, { serverWeight: 50 }),
  deb('vim', 'Bram Moolenaar', ['2:9.1.0016-1ubuntu7.5'], 70, 4, { serverWeight: 70 }),
  deb('rsync', 'Wayne Davison', ['3.2.7-1ubuntu1'], 60, 1, { serverWeight: 60 }),
  deb('certbot', 'Electronic Frontier Foundation', ['2.9.0-1'], 20, 1, { serverWeight: 20 }),
];

/** The titles above, then the long tail only the realistic software profile installs (`long-tail.ts`). */
export const softwareCatalogue: SoftwareTitle[] = [
  ...mainCatalogue,
  ...longTailTitles(new Set(mainCatalogue.map((t) => t.name))),
];

export interface OsPatch {
  name: string;
  kbNumber: string;
  type: string;
  severity: string;
  platform: 'workstation' | 'server' | 'any';
}

// prettier-ignore
export const osPatchCatalogue: OsPatch[] = [
  { name: '2024-12 Cumulative Update for Windows 11 Version 23H2 for x64-based Systems (KB5048685)', kbNumber: 'KB5048685', type: 'SECURITY_UPDATES', severity: 'CRITICAL', platform: 'workstation' },
  { name: '2024-11 Cumulative Update for Windows 11 Version 23H2 for x64-based Systems (KB5046633)', kbNumber: 'KB5046633', type: 'SECURITY_UPDATES', severity: 'CRITICAL', platform: 'workstation' },
  { name: '2024-12 Cumulative Update for Windows 10 Version 22H2 for x64-based Systems (KB5048652)', kbNumber: 'KB5048652', type: 'SECURITY_UPDATES', severity: 'CRITICAL', platform: 'workstation' },
  { name: '2024-11 Cumulative Update for Windows 10 Version 22H2 for x64-based Systems (KB5046613)', kbNumber: 'KB5046613', type: 'SECURITY_UPDATES', severity: 'CRITICAL', platform: 'workstation' },
  { name: '2024-12 Cumulative Update Preview for Windows 11 Version 23H2 for x64-based Systems (KB5048759)', kbNumber: 'KB5048759', type: 'UPDATE_ROLLUPS', severity: 'OPTIONAL', platform: 'workstation' },
  { name: '2024-12 Cumulative Update for Microsoft server operating system version 21H2 for x64-based Systems (KB5048654)', kbNumber: 'KB5048654', type: 'SECURITY_UPDATES', severity: 'CRITICAL', platform: 'server' },
  { name: '2024-11 Cumulative Update for Microsoft server operating system version 21H2 for x64-based Systems (KB5046616)', kbNumber: 'KB5046616', type: 'SECURITY_UPDATES', severity: 'CRITICAL', platform: 'server' },
  { name: '2024-12 Cumulative Update for Windows Server 2019 for x64-based Systems (KB5048661)', kbNumber: 'KB5048661', type: 'SECURITY_UPDATES', severity: 'CRITICAL', platform: 'server' },
  { name: '2024-12 Cumulative Update for Windows Server 2016 for x64-based Systems (KB5048671)', kbNumber: 'KB5048671', type: 'SECURITY_UPDATES', severity: 'CRITICAL', platform: 'server' },
  { name: '2024-12 Cumulative Update for .NET Framework 3.5, 4.8 and 4.8.1 for Windows 11, version 23H2 for x64 (KB5049624)', kbNumber: 'KB5049624', type: 'UPDATE_ROLLUPS', severity: 'IMPORTANT', platform: 'workstation' },
  { name: '2024-11 Cumulative Update for .NET Framework 3.5 and 4.8.1 for Microsoft server operating system version 21H2 for x64 (KB5046540)', kbNumber: 'KB5046540', type: 'UPDATE_ROLLUPS', severity: 'IMPORTANT', platform: 'server' },
  { name: 'Security Intelligence Update for Microsoft Defender Antivirus - KB2267602 (Version 1.421.1455.0)', kbNumber: 'KB2267602', type: 'DEFINITION_UPDATES', severity: 'OPTIONAL', platform: 'any' },
  { name: 'Windows Malicious Software Removal Tool x64 - v5.130 (KB890830)', kbNumber: 'KB890830', type: 'UPDATE_ROLLUPS', severity: 'IMPORTANT', platform: 'any' },
  { name: '2024-10 Servicing Stack Update for Windows Server 2016 for x64-based Systems (KB5044411)', kbNumber: 'KB5044411', type: 'SECURITY_UPDATES', severity: 'IMPORTANT', platform: 'server' },
  { name: 'Update for Windows Security platform - KB5007651 (Version 1.0.2411.1001)', kbNumber: 'KB5007651', type: 'REGULAR_UPDATES', severity: 'MODERATE', platform: 'workstation' },
  { name: 'Intel - System - 2406.5.5.0', kbNumber: '', type: 'DRIVER_UPDATES', severity: 'OPTIONAL', platform: 'workstation' },
  { name: 'Realtek Semiconductor Corp. - Extension - 6.0.9618.1', kbNumber: '', type: 'DRIVER_UPDATES', severity: 'OPTIONAL', platform: 'workstation' },
  { name: 'Windows 11, version 24H2', kbNumber: 'KB5044284', type: 'FEATURE_PACKS', severity: 'OPTIONAL', platform: 'workstation' },
  { name: '2024-10 Cumulative Update for Windows 11 Version 23H2 for x64-based Systems (KB5044285)', kbNumber: 'KB5044285', type: 'SECURITY_UPDATES', severity: 'CRITICAL', platform: 'workstation' },
  { name: '2024-10 Cumulative Update for Windows 10 Version 22H2 for x64-based Systems (KB5044273)', kbNumber: 'KB5044273', type: 'SECURITY_UPDATES', severity: 'CRITICAL', platform: 'workstation' },
  { name: '2024-10 Cumulative Update for Microsoft server operating system version 21H2 for x64-based Systems (KB5044281)', kbNumber: 'KB5044281', type: 'SECURITY_UPDATES', severity: 'CRITICAL', platform: 'server' },
  { name: '2024-10 Cumulative Update for Windows Server 2019 for x64-based Systems (KB5044277)', kbNumber: 'KB5044277', type: 'SECURITY_UPDATES', severity: 'CRITICAL', platform: 'server' },
  { name: 'Microsoft Edge-Stable Channel Version 131 Update for x64 based Editions (Build 131.0.2903.112)', kbNumber: '', type: 'SECURITY_UPDATES', severity: 'IMPORTANT', platform: 'any' },
  { name: 'Update for Microsoft Defender Antivirus antimalware platform - KB4052623 (Version 4.18.24090.11)', kbNumber: 'KB4052623', type: 'DEFINITION_UPDATES', severity: 'MODERATE', platform: 'any' },
];

export interface SoftwarePatchProduct {
  title: string;
  /** Name of the software catalogue title the patch updates. */
  softwareName: string;
  latest: string;
  impact: string;
}

// prettier-ignore
export const softwarePatchCatalogue: SoftwarePatchProduct[] = [
  { title: 'Google Chrome', softwareName: 'Google Chrome', latest: '131.0.6778.265', impact: 'CRITICAL' },
  { title: 'Mozilla Firefox (x64 en-US)', softwareName: 'Mozilla Firefox (x64 en-US)', latest: '134.0', impact: 'CRITICAL' },
  { title: 'Zoom Workplace', softwareName: 'Zoom Workplace (64-bit)', latest: '6.3.5.55217', impact: 'RECOMMENDED' },
  { title: 'Adobe Acrobat', softwareName: 'Adobe Acrobat (64-bit)', latest: '24.005.20399', impact: 'CRITICAL' },
  { title: '7-Zip', softwareName: '7-Zip 24.09 (x64)', latest: '24.09', impact: 'RECOMMENDED' },
  { title: 'Notepad++', softwareName: 'Notepad++ (64-bit x64)', latest: '8.7.5', impact: 'OPTIONAL' },
  { title: 'VLC media player', softwareName: 'VLC media player', latest: '3.0.21', impact: 'OPTIONAL' },
  { title: 'Java 8', softwareName: 'Java 8 Update 431 (64-bit)', latest: '8.0.4410.7', impact: 'CRITICAL' },
  { title: 'Microsoft Teams', softwareName: 'Microsoft Teams', latest: '24335.208.3315.1951', impact: 'RECOMMENDED' },
  { title: 'Slack', softwareName: 'Slack (Machine - MSI)', latest: '4.41.105', impact: 'OPTIONAL' },
  { title: 'Microsoft Visual Studio Code', softwareName: 'Microsoft Visual Studio Code', latest: '1.96.4', impact: 'OPTIONAL' },
  { title: 'Git', softwareName: 'Git', latest: '2.47.1.2', impact: 'RECOMMENDED' },
  { title: 'Dropbox', softwareName: 'Dropbox', latest: '215.4.4957', impact: 'OPTIONAL' },
  { title: 'Cisco Webex Meetings', softwareName: 'Cisco Webex Meetings', latest: '44.12.1.31417', impact: 'RECOMMENDED' },
];

// prettier-ignore
export const antivirusProducts = [
  { productName: 'Windows Defender', platform: 'windows', weight: 60, version: '4.18.24090.11' },
  { productName: 'SentinelOne', platform: 'windows', weight: 15, version: '24.1.5.277' },
  { productName: 'Bitdefender Endpoint Security Tools', platform: 'windows', weight: 12, version: '7.9.17.475' },
  { productName: 'Sophos Intercept X', platform: 'windows', weight: 8, version: '2024.3.1.3' },
  { productName: 'SentinelOne', platform: 'mac', weight: 50, version: '24.2.2.7632' },
  { productName: 'Bitdefender Endpoint Security Tools', platform: 'mac', weight: 30, version: '7.16.37.200012' },
] as const;

/** Alert kinds the generator and the control API raise, by the platforms they make sense on. */
// prettier-ignore
export const alertKinds = [
  { sourceType: 'CONDITION_AGENT_DISK_FREE_SPACE', conditionName: 'Disk Free Space', sourceName: 'Disk free space < 10%', subject: 'Disk space low', message: 'Disk C: free space is below 10%', severity: 'MAJOR', priority: 'HIGH', platforms: ['windows'] },
  { sourceType: 'CONDITION_AGENT_CPU', conditionName: 'CPU', sourceName: 'CPU above 90% for 15 minutes', subject: 'High CPU usage', message: 'CPU utilization has been above 90% for 15 minutes', severity: 'MODERATE', priority: 'MEDIUM', platforms: ['windows', 'mac', 'linux'] },
  { sourceType: 'CONDITION_AGENT_MEMORY', conditionName: 'Memory', sourceName: 'Memory above 95%', subject: 'Low memory', message: 'Memory utilization has been above 95% for 10 minutes', severity: 'MODERATE', priority: 'MEDIUM', platforms: ['windows', 'mac', 'linux'] },
  { sourceType: 'CONDITION_WINDOWS_SERVICE_STATE_CHANGED', conditionName: 'Windows Service', sourceName: 'Print Spooler stopped', subject: 'Service stopped', message: 'Service Print Spooler (Spooler) changed state to STOPPED', severity: 'MINOR', priority: 'LOW', platforms: ['windows'] },
  { sourceType: 'CONDITION_PENDING_REBOOT', conditionName: 'Pending Reboot', sourceName: 'Pending reboot for 7 days', subject: 'Reboot pending', message: 'The device has been waiting for a reboot for more than 7 days', severity: 'MINOR', priority: 'LOW', platforms: ['windows'] },
  { sourceType: 'CONDITION_WINDOWS_EVENT_LOG_TRIGGERED', conditionName: 'Windows Event Log', sourceName: 'Disk errors (Event ID 7)', subject: 'Disk error logged', message: 'Event ID 7 (disk) was logged: The device has a bad block', severity: 'CRITICAL', priority: 'HIGH', platforms: ['windows'] },
  { sourceType: 'CONDITION_LINUX_DISK_FREE_SPACE', conditionName: 'Disk Free Space', sourceName: 'Root filesystem < 10%', subject: 'Disk space low', message: 'Filesystem / free space is below 10%', severity: 'MAJOR', priority: 'HIGH', platforms: ['linux'] },
  { sourceType: 'CONDITION_PING', conditionName: 'Ping', sourceName: 'Ping failed', subject: 'Device not responding to ping', message: 'The device did not respond to 5 consecutive pings', severity: 'CRITICAL', priority: 'HIGH', platforms: ['network'] },
  { sourceType: 'CONDITION_VM_HOST_DATASTORE', conditionName: 'Datastore', sourceName: 'Datastore free space < 15%', subject: 'Datastore almost full', message: 'Datastore datastore1 free space is below 15%', severity: 'MAJOR', priority: 'HIGH', platforms: ['vmhost'] },
] as const;

export const offlineAlert = {
  sourceType: 'AGENT_OFFLINE',
  conditionName: 'Device Down',
  sourceName: 'Agent offline for 15 minutes',
  subject: 'Device offline',
  message: 'The device has not contacted NinjaOne for 15 minutes',
  severity: 'MAJOR',
  priority: 'HIGH',
} as const;

/** The `activityType` values (also the keys of a webhook's `activities` filter). */
// prettier-ignore
export const activityTypes = [
  'ACTIONSET', 'ACTION', 'CONDITION', 'CONDITION_ACTIONSET', 'CONDITION_ACTION', 'ANTIVIRUS', 'PATCH_MANAGEMENT',
  'TEAMVIEWER', 'MONITOR', 'SYSTEM', 'COMMENT', 'SHADOWPROTECT', 'IMAGEMANAGER', 'HELP_REQUEST',
  'SOFTWARE_PATCH_MANAGEMENT', 'SPLASHTOP', 'CLOUDBERRY', 'CLOUDBERRY_BACKUP', 'SCHEDULED_TASK', 'RDP', 'SCRIPTING',
  'SECURITY', 'REMOTE_TOOLS', 'VIRTUALIZATION', 'PSA', 'MDM', 'NINJA_REMOTE', 'NINJA_QUICK_CONNECT',
  'NINJA_NETWORK_DISCOVERY', 'NINJA_BACKUP', 'NINJA_TICKETING', 'KNOWLEDGE_BASE', 'RELATED_ITEM', 'CLIENT_CHECKLIST',
  'CHECKLIST_TEMPLATE', 'DOCUMENTATION', 'MICROSOFT_INTUNE', 'DYNAMIC_POLICY',
] as const;
