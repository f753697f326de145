import type { Severity } from '../contract/domain';

/**
 * NinjaOne's codes in a technician's words, for the rules editor and its summaries. The rules keep
 * the codes (what the relay matches on); only what is shown changes.
 */
const nodeClassNames: Readonly<Record<string, string>> = {
  WINDOWS_WORKSTATION: 'Windows workstation',
  WINDOWS_SERVER: 'Windows server',
  MAC: 'Mac',
  MAC_SERVER: 'Mac server',
  LINUX_WORKSTATION: 'Linux workstation',
  LINUX_SERVER: 'Linux server',
  VMWARE_VM_HOST: 'VMware host',
  VMWARE_VM_GUEST: 'VMware virtual machine',
  HYPERV_VMM_HOST: 'Hyper-V host',
  HYPERV_VMM_GUEST: 'Hyper-V virtual machine',
  CLOUD_MONITOR_TARGET: 'Cloud monitor target',
  ANDROID: 'Android device',
  APPLE_IOS: 'iPhone',
  APPLE_IPADOS: 'iPad',
  NMS_SWITCH: 'Network switch',
  NMS_ROUTER: 'Router',
  NMS_FIREWALL: 'Firewall',
  NMS_PRINTER: 'Printer',
  NMS_WAP: 'Wireless access point',
};

/** A code without a name of its own reads as its words: `NMS_APPLIANCE` → "Nms appliance". */
export function codeWords(code: string): string {
  const words = code.toLowerCase().replace(/_+/g, ' ').trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : code;
}

/** `WINDOWS_SERVER` → "Windows server". */
export const nodeClassName = (nodeClass: string): string => nodeClassNames[nodeClass] ?? codeWords(nodeClass);

/** `MAJOR` → "Major". */
export const severityName = (severity: Severity): string => codeWords(severity);

const activityTypeNames: Readonly<Record<string, string>> = {
  CONDITION: 'Condition alerts',
  CONDITION_ACTIONSET: 'Condition action sets',
  CONDITION_ACTION: 'Condition actions',
};

/** `CONDITION` → "Condition alerts". */
export const activityTypeName = (type: string): string => activityTypeNames[type] ?? codeWords(type);
