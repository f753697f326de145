import type { SoftwareTitle } from './catalogue';

/**
 * The long tail of a real Windows inventory: what Add/Remove Programs lists besides the applications
 * a technician would name. Driver packages, every runtime and SDK component a developer tool or an
 * OEM image left behind, Office language parts, vendor agents and peripherals. NinjaOne reports
 * them all, which is why a Windows workstation carries 100 to 200 software titles and why a fleet
 * query of software is by far the largest thing a sync reads. The weights are tuned so a Windows
 * workstation gets about 110 of these on top of the 40 or so catalogue titles (servers about 35).
 */
// prettier-ignore
const drivers: [vendor: string, publisher: string, classes: string[]][] = [
  ['Intel', 'Intel', ['System', 'Net', 'Bluetooth', 'MEI', 'HDC', 'Display', 'Camera', 'USB', 'Extension', 'SoftwareComponent', 'Firmware', 'SCSIAdapter']],
  ['Realtek Semiconductor Corp.', 'Realtek', ['MEDIA', 'Net', 'USB', 'Extension', 'SoftwareComponent']],
  ['Dell', 'Dell Inc.', ['Firmware', 'System', 'Extension', 'SoftwareComponent', 'Monitor']],
  ['HP', 'HP Inc.', ['Firmware', 'System', 'Extension', 'SoftwareComponent', 'HIDClass']],
  ['Lenovo', 'Lenovo', ['Firmware', 'System', 'Extension', 'SoftwareComponent']],
  ['Synaptics', 'Synaptics Incorporated', ['Mouse', 'HIDClass', 'Biometric']],
  ['Qualcomm', 'Qualcomm', ['Net', 'Bluetooth']],
  ['Advanced Micro Devices, Inc.', 'AMD', ['Display', 'System', 'SoftwareComponent']],
  ['NVIDIA', 'NVIDIA Corporation', ['Display', 'MEDIA', 'SoftwareComponent']],
  ['Logitech', 'Logitech', ['HIDClass', 'Image', 'USB']],
  ['Microsoft', 'Microsoft Corporation', ['Printer', 'SmartCardFilter', 'Keyboard']],
];
const driverDates = ['03/14/2023', '09/22/2023', '01/08/2024', '06/17/2024', '11/02/2024'];

// prettier-ignore
const runtimes: [name: string, versions: string[]][] = [
  ['Microsoft .NET Host - {v} (x64)', ['6.0.36', '7.0.20', '8.0.11', '9.0.0']],
  ['Microsoft .NET Host FX Resolver - {v} (x64)', ['6.0.36', '7.0.20', '8.0.11', '9.0.0']],
  ['Microsoft .NET Runtime - {v} (x86)', ['6.0.36', '7.0.20', '8.0.11']],
  ['Microsoft Windows Desktop Runtime - {v} (x86)', ['6.0.36', '7.0.20', '8.0.11']],
  ['Microsoft ASP.NET Core {v} Shared Framework (x86)', ['6.0.36', '8.0.11']],
  ['Microsoft ASP.NET Core {v} Targeting Pack (x64)', ['6.0.36', '8.0.11']],
  ['Microsoft .NET Targeting Pack - {v} (x64)', ['6.0.36', '8.0.11']],
  ['Microsoft .NET AppHost Pack - {v} (x64)', ['6.0.36', '8.0.11']],
  ['Microsoft .NET Framework {v} Targeting Pack', ['4.6.1', '4.7.2', '4.8', '4.8.1']],
  ['Microsoft .NET Framework {v} SDK', ['4.8', '4.8.1']],
  ['Microsoft Visual C++ 2005 Redistributable{v}', ['', ' (x64)']],
  ['Microsoft Visual C++ 2017 Redistributable ({v}) - 14.16.27033', ['x86', 'x64']],
  ['Microsoft Visual C++ 2019 X64 {v} Runtime - 14.29.30139', ['Minimum', 'Additional']],
  ['Microsoft Visual C++ 2019 X86 {v} Runtime - 14.29.30139', ['Minimum', 'Additional']],
  ['Microsoft Windows Desktop Targeting Pack - {v} (x64)', ['6.0.36', '8.0.11']],
  ['Microsoft ASP.NET Core Module V2 for IIS - {v}', ['17.0.24312', '18.0.24201']],
];

// prettier-ignore
const sdkParts = [
  'Windows SDK AddOn', 'Windows SDK Desktop Tools x64', 'Windows SDK Desktop Tools x86', 'Windows SDK Desktop Headers x64',
  'Windows SDK Desktop Headers x86', 'Windows SDK Desktop Libs x64', 'Windows SDK Desktop Libs x86', 'Windows SDK Signing Tools',
  'Windows SDK for Windows Store Apps Tools', 'Windows SDK Facade Windows WinMD Versioned', 'Windows SDK EULA',
  'Universal CRT Headers Libraries and Sources', 'Universal CRT Tools x64', 'Universal CRT Tools x86', 'Universal CRT Extension SDK',
  'Universal CRT Redistributable', 'Kits Configuration Installer', 'MSI Development Tools', 'SDK ARM Additions',
  'SDK ARM Redistributables', 'WinRT Intellisense Desktop - en-us', 'WinRT Intellisense Desktop - Other Languages',
  'WinRT Intellisense UAP - en-us', 'WinRT Intellisense UAP - Other Languages', 'WinAppDeploy',
  'Windows App Certification Kit Native Components', 'Windows App Certification Kit x64', 'Windows Team Extension SDK',
  'Windows Desktop Extension SDK', 'Windows Desktop Extension SDK Contracts', 'Windows IoT Extension SDK',
  'Windows Mobile Extension SDK', 'Microsoft Visual Studio Installer', 'Microsoft Visual Studio Setup Configuration',
  'Microsoft Visual Studio Setup WMI Provider', 'vs_minshellmsires', 'vs_minshellinteropmsi', 'vs_filehandler_amd64',
  'vs_filehandler_x86', 'vs_FileTracker_Singleton', 'vs_devenvsharedmsi', 'vs_communitysharedmsi', 'vs_clickoncebootstrappermsires',
  'vs_BlendMsi', 'vs_tipsmsi', 'icecap_collection_x64', 'icecap_collection_neutral', 'Microsoft TestPlatform SDK Local Feed',
  'IntelliTraceProfilerProxy', 'Entity Framework 6.2.0 Tools  for Visual Studio 2022', 'Microsoft Web Deploy 4.0',
  'IIS 10.0 Express', 'Microsoft System CLR Types for SQL Server 2019', 'SQL Server Management Studio Language Pack',
  'Microsoft SQL Server 2019 T-SQL Language Service', 'Microsoft SQL Server 2016 LocalDB',
];

// prettier-ignore
const languages = ['English', 'French', 'Spanish', 'German', 'Portuguese (Brazil)', 'Italian', 'Dutch', 'Polish'];
// prettier-ignore
const officeParts = [
  'Microsoft Office Proofing Tools 2016 - {l}',
  'Microsoft Office Shared MUI ({l}) 2016',
  'Microsoft Office Proofing ({l}) 2016',
  'Outils de vérification linguistique 2016 de Microsoft Office - {l}',
];

// prettier-ignore
const vendorTools: [name: string, publisher: string, weight: number][] = [
  ['Dell Digital Delivery Services', 'Dell Inc.', 22], ['Dell Core Services', 'Dell Inc.', 22],
  ['Dell Trusted Device Agent', 'Dell Inc.', 15], ['Dell Update - SupportAssist Update Plugin', 'Dell Inc.', 20],
  ['Dell SupportAssist OS Recovery Plugin for Dell Update', 'Dell Inc.', 18], ['Dell SupportAssist Remediation', 'Dell Inc.', 18],
  ['Dell Display Manager 2.3', 'Dell Inc.', 10], ['Dell Pair', 'Dell Inc.', 8], ['Dell Watchdog Timer', 'Dell Inc.', 6],
  ['HP Documentation', 'HP Inc.', 12], ['HP System Default Settings', 'HP Inc.', 12], ['HP Connection Optimizer', 'HP Inc.', 10],
  ['HP Audio Switch', 'HP Inc.', 10], ['HP Hotkey Support', 'HP Inc.', 12], ['HP Security Update Service', 'HP Inc.', 12],
  ['HP Sure Recover', 'HP Inc.', 10], ['HP Sure Run Module', 'HP Inc.', 10], ['HP Insights Analytics', 'HP Inc.', 9],
  ['Lenovo System Interface Foundation', 'Lenovo', 12], ['Lenovo Service Bridge', 'Lenovo', 8],
  ['Lenovo Power Management Driver', 'Lenovo', 10], ['Lenovo Hotkeys', 'Lenovo', 10], ['Lenovo Commercial Vantage', 'Lenovo', 8],
  ['Logi Options+', 'Logitech', 15], ['Logi Tune', 'Logitech', 10], ['Logitech Unifying Software 2.52', 'Logitech', 8],
  ['Jabra Direct', 'GN Audio A/S', 8], ['Poly Lens', 'HP Inc.', 6], ['Plantronics Hub Software', 'Plantronics', 6],
  ['Canon Generic Plus PCL6 Printer Driver', 'Canon Inc.', 10], ['Brother MFL-Pro Suite MFC-L2750DW series', 'Brother Industries, Ltd.', 7],
  ['Xerox Desktop Print Experience', 'Xerox Corporation', 6], ['Epson Scan 2', 'Seiko Epson Corporation', 6],
  ['RICOH PCL6 UniversalDriver V4.39', 'RICOH COMPANY, LTD.', 6], ['Kyocera Product Library', 'KYOCERA Document Solutions Inc.', 5],
  ['DisplayLink Graphics', 'DisplayLink Corp.', 14], ['Thunderbolt(TM) Software', 'Intel Corporation', 14],
  ['Intel(R) Optane(TM) Memory and Storage Management', 'Intel Corporation', 10], ['Intel(R) Computing Improvement Program', 'Intel Corporation', 18],
  ['Intel(R) Driver & Support Assistant', 'Intel', 12], ['Intel(R) Unison(TM)', 'Intel Corporation', 6],
  ['Killer Performance Driver Suite UWD', 'Rivet Networks', 5], ['Waves MaxxAudio Pro for Dell', 'Waves Audio Ltd.', 12],
  ['Dolby Audio X2 Windows API SDK', 'Dolby Laboratories, Inc.', 10], ['Conexant HD Audio', 'Conexant', 6],
  ['Microsoft Mouse and Keyboard Center', 'Microsoft Corporation', 8], ['Windows Driver Package - Yubico (YubiKey) SmartCard', 'Yubico', 4],
];

// prettier-ignore
const agentsAndTools: [name: string, publisher: string, weight: number][] = [
  ['Microsoft Edge Update', 'Microsoft Corporation', 60], ['Microsoft Teams classic', 'Microsoft Corporation', 20],
  ['Microsoft Teams VDI Installer', 'Microsoft Corporation', 5], ['Microsoft OneDrive for Business', 'Microsoft Corporation', 12],
  ['Microsoft Power BI Desktop', 'Microsoft Corporation', 8], ['Microsoft Azure CLI', 'Microsoft Corporation', 4],
  ['Microsoft Remote Desktop', 'Microsoft Corporation', 15], ['Remote Desktop Connection Manager', 'Microsoft Corporation', 4],
  ['Microsoft Company Portal', 'Microsoft Corporation', 20], ['Microsoft Defender for Endpoint add-on', 'Microsoft Corporation', 10],
  ['Microsoft Silverlight', 'Microsoft Corporation', 8], ['Microsoft XNA Framework Redistributable 4.0 Refresh', 'Microsoft Corporation', 4],
  ['Microsoft Visual Studio Tools for Applications 2019', 'Microsoft Corporation', 12], ['Microsoft SQL Server 2012 Native Client', 'Microsoft Corporation', 10],
  ['Microsoft Report Viewer 2015 Runtime', 'Microsoft Corporation', 8], ['Microsoft Analysis Services OLE DB Provider', 'Microsoft Corporation', 8],
  ['Microsoft Windows Communication Platform', 'Microsoft Corporation', 6], ['Windows Live Essentials', 'Microsoft Corporation', 3],
  ['Huntress Agent', 'Huntress Labs, Inc.', 20], ['Huntress EDR', 'Huntress Labs, Inc.', 15], ['CrowdStrike Windows Sensor', 'CrowdStrike, Inc.', 10],
  ['Duo Authentication for Windows Logon x64', 'Duo Security', 10], ['Veeam Agent for Microsoft Windows', 'Veeam Software Group GmbH', 8],
  ['GlobalProtect', 'Palo Alto Networks', 6], ['WatchGuard Mobile VPN with SSL client', 'WatchGuard', 5],
  ['SonicWall NetExtender', 'SonicWall', 5], ['Zscaler', 'Zscaler Inc.', 4], ['Cisco Secure Client - Diagnostics and Reporting Tool', 'Cisco Systems, Inc.', 10],
  ['Cisco Secure Client - Umbrella', 'Cisco Systems, Inc.', 8], ['Keeper Password Manager', 'Keeper Security, Inc.', 5],
  ['LastPass (uninstall only)', 'LastPass', 4], ['1Password', 'AgileBits Inc.', 5], ['Adobe Creative Cloud', 'Adobe Inc.', 10],
  ['Adobe Photoshop 2025', 'Adobe Inc.', 4], ['Adobe Acrobat Reader DC MUI', 'Adobe Systems Incorporated', 12],
  ['Adobe Flash Player 32 NPAPI', 'Adobe', 4], ['Adobe AIR', 'Adobe Systems Incorporated', 5], ['Foxit PDF Reader', 'Foxit Software Inc.', 8],
  ['PDF-XChange Editor', 'Tracker Software Products (Canada) Ltd.', 6], ['Nitro PDF Pro', 'Nitro Software, Inc.', 4],
  ['Greenshot 1.2.10.6', 'Greenshot', 6], ['ShareX', 'ShareX Team', 4], ['Snagit 2024', 'TechSmith Corporation', 6],
  ['Paint.NET', 'dotPDN LLC', 5], ['IrfanView 4.67 (64-bit)', 'Irfan Skiljan', 4], ['Audacity 3.7.1', 'Audacity Team', 3],
  ['WinRAR 7.01 (64-bit)', 'win.rar GmbH', 8], ['PowerToys (Preview) x64', 'Microsoft Corporation', 5], ['Everything 1.4.1.1026 (x64)', 'voidtools', 3],
  ['Wireshark 4.4.2 x64', 'The Wireshark developer community', 3], ['Npcap', 'Nmap Project', 4], ['Advanced IP Scanner 2.5.1', 'Famatech', 4],
  ['Microsoft Visual Studio 2010 Tools for Office Runtime (x64) Language Pack - ENU', 'Microsoft Corporation', 15],
  ['Microsoft Office 2016 Primary Interop Assemblies', 'Microsoft Corporation', 10], ['Microsoft Teams Meeting Add-in for Microsoft Office (per-user)', 'Microsoft Corporation', 10],
  ['Zoom Plugin for Microsoft Outlook', 'Zoom Video Communications, Inc.', 6], ['RingCentral', 'RingCentral', 6], ['8x8 Work', '8x8 Inc.', 3],
  ['Citrix Workspace 2409', 'Citrix Systems, Inc.', 8], ['Citrix Authentication Manager', 'Citrix Systems, Inc.', 8],
  ['Citrix Web Helper', 'Citrix Systems, Inc.', 8], ['VMware Horizon Client', 'VMware, Inc.', 4], ['Oracle VM VirtualBox 7.1.4', 'Oracle Corporation', 2],
  ['Node.js', 'Node.js Foundation', 4], ['Docker Desktop', 'Docker Inc.', 2], ['GitHub Desktop', 'GitHub, Inc.', 3],
];

/** Deterministic "random" weight in [low, high) for a title, from its position. */
function spread(index: number, low: number, high: number): number {
  return low + ((index * 37) % 100) * ((high - low) / 100);
}

function toolVersion(index: number): string {
  return `${1 + (index % 9)}.${(index * 7) % 13}.${(index * 17) % 200}.0`;
}

/** The long-tail titles, leaving out names the main catalogue already has. */
export function longTailTitles(taken: ReadonlySet<string>): SoftwareTitle[] {
  const out: SoftwareTitle[] = [];
  const add = (
    name: string,
    publisher: string,
    version: string,
    weight: number,
    serverWeight: number,
    sizeMb: number,
  ): void => {
    if (taken.has(name) || out.some((t) => t.name === name)) return;
    out.push({
      name,
      publisher,
      versions: [version],
      platform: 'windows',
      weight: Math.min(100, weight * 1.3),
      serverWeight,
      sizeMb,
      system: true,
      longTail: true,
    });
  };
  let n = 0;
  for (const [vendor, publisher, classes] of drivers) {
    for (const cls of classes) {
      for (const [d, date] of driverDates.entries()) {
        // Not every vendor ships every class on every date: keep the list plausible.
        if ((n + d) % 3 === 2) continue;
        const version = `${10 + (n % 20)}.${(n * 7) % 40}.${(d * 13 + n) % 9000}.${(n * 31 + d) % 1000}`;
        add(
          `Windows Driver Package - ${vendor} (${cls.toLowerCase()}${d}) ${cls}  (${date} ${version})`,
          publisher,
          version,
          spread(n++, 14, 42),
          spread(n, 2, 10),
          1,
        );
      }
    }
  }
  for (const [pattern, versions] of runtimes) {
    for (const v of versions) {
      add(
        pattern.replace('{v}', v),
        'Microsoft Corporation',
        v || '8.0.61001',
        spread(n++, 35, 70),
        spread(n, 30, 60),
        30,
      );
    }
  }
  for (const part of sdkParts) {
    add(part, 'Microsoft Corporation', '10.1.22621.3233', spread(n++, 10, 26), spread(n, 2, 8), 20);
  }
  for (const language of languages) {
    for (const part of officeParts) {
      // English everywhere Office is; other languages for a share of the fleet.
      const weight = language === 'English' ? 60 : spread(n, 6, 18);
      add(part.replace('{l}', language), 'Microsoft Corporation', '16.0.4266.1001', weight, 4, 12);
      n++;
    }
  }
  for (const [name, publisher, weight] of vendorTools)
    add(name, publisher, toolVersion(n++), weight * 1.2, 1, 40);
  for (const [name, publisher, weight] of agentsAndTools) {
    add(name, publisher, toolVersion(n++), weight * 1.1, weight / 3, 80);
  }
  return out;
}
