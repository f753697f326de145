/**
 * What the simulated Alga tenant holds at start. Client names are derived from the NinjaOne
 * organization names the test or demo passes in, so the console's mapping has all three cases to
 * handle: exact names, near matches (legal suffix, "&" for "and", punctuation, case) and
 * organizations with no client at all.
 */

/** Organization names used when none are given (the test fleet in `test/support/fleet-records.ts` uses them too). */
export const defaultOrganizationNames = [
  'Acme Corp',
  'Birchwood Dental',
  'Cobalt Logistics',
  'Delta Legal',
  'Evergreen Schools',
  'Fjord Shipping',
  'Granite Bank',
  'Harbor Clinic',
];

/** Clients every MSP has that match no RMM organization. */
const psaOnlyClients = ['Internal IT', 'Walk-in Customers'];

export type ClientMatch = 'exact' | 'near' | 'missing';

/** Every fourth organization is missing; of the rest, the exact and near variants alternate. */
export function matchKind(index: number): ClientMatch {
  if (index % 4 === 3) return 'missing';
  return index % 2 === 0 ? 'exact' : 'near';
}

/** The `nth` near-match spelling of an organization name, the way a PSA admin would have typed it. */
export function nearVariant(name: string, nth: number): string {
  if (/\band\b/i.test(name)) return name.replace(/\band\b/i, '&');
  if (name.includes('&')) return name.replace('&', 'and');
  const variants = [
    (n: string) => `${n}, Inc.`,
    (n: string) => `${n} LLC`,
    (n: string) => `${n.toUpperCase()} Ltd.`,
    (n: string) => `The ${n} GmbH`,
  ];
  return variants[nth % variants.length]!(name);
}

export interface SeedClient {
  name: string;
  /** The organization it stands for, when any (for test assertions). */
  organizationName: string | null;
  match: ClientMatch | 'psa-only';
}

export function seedClients(organizationNames: readonly string[]): SeedClient[] {
  const clients: SeedClient[] = [];
  let near = 0;
  organizationNames.forEach((name, index) => {
    const match = matchKind(index);
    if (match === 'missing') return;
    clients.push({
      name: match === 'exact' ? name : nearVariant(name, near++),
      organizationName: name,
      match,
    });
  });
  for (const name of psaOnlyClients) clients.push({ name, organizationName: null, match: 'psa-only' });
  return clients;
}

export interface SeedBoard {
  name: string;
  isDefault: boolean;
  isInactive: boolean;
  statuses: { name: string; isDefault: boolean; isClosed: boolean }[];
}

const ticketStatuses = [
  { name: 'New', isDefault: true, isClosed: false },
  { name: 'In Progress', isDefault: false, isClosed: false },
  { name: 'Waiting on Customer', isDefault: false, isClosed: false },
  { name: 'Closed', isDefault: false, isClosed: true },
];

export const seedBoards: SeedBoard[] = [
  { name: 'Service Desk', isDefault: true, isInactive: false, statuses: ticketStatuses },
  {
    name: 'Monitoring',
    isDefault: false,
    isInactive: false,
    // No status is flagged default here: a client must pick the first open one by order.
    statuses: [
      { name: 'Triage', isDefault: false, isClosed: false },
      { name: 'Investigating', isDefault: false, isClosed: false },
      { name: 'Resolved', isDefault: false, isClosed: true },
    ],
  },
  { name: 'Projects (archived)', isDefault: false, isInactive: true, statuses: ticketStatuses },
];

/** Ordered as Alga lists them (order_number ascending). */
export const defaultPriorityNames = ['Urgent', 'High', 'Medium', 'Low'];

export const seedUsers = [
  { username: 'api.integration', first: 'API', last: 'Integration', type: 'internal' },
  { username: 'jtech', first: 'Jordan', last: 'Tech', type: 'internal' },
  { username: 'sadmin', first: 'Sam', last: 'Admin', type: 'internal' },
] as const;
