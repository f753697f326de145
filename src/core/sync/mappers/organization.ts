import type { LocationRecord, OrganizationRecord } from '../../cache/records';
import type { NinjaOrganizationDetailed } from '../../ninjaone';

/** One `organizations-detailed` item: the organization and its locations (sites). */
export function mapOrganization(org: NinjaOrganizationDetailed): {
  organization: OrganizationRecord;
  locations: LocationRecord[];
} {
  return {
    organization: {
      id: org.id,
      name: org.name,
      description: org.description ?? null,
      nodeApprovalMode: org.nodeApprovalMode ?? null,
      raw: org,
    },
    locations: (org.locations ?? []).map((location) => ({
      id: location.id,
      organizationId: org.id,
      name: location.name,
      address: location.address ?? null,
      description: location.description ?? null,
    })),
  };
}
