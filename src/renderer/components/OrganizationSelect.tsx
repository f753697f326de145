import { useQuery } from '../rpc/use-query';

/**
 * A filter on one organization (or all), listing the cached organizations with what counts in the
 * view: devices by default, or what `countOf` says (the alerts view counts its alerts).
 */
export function OrganizationSelect({
  value,
  onChange,
  countOf,
}: {
  value: number[] | undefined;
  onChange(ids: number[] | undefined): void;
  countOf?(organization: { id: number; deviceCount: number }): string;
}) {
  const count =
    countOf ?? ((o) => `${o.deviceCount.toLocaleString()} device${o.deviceCount === 1 ? '' : 's'}`);
  const organizations = useQuery('organizations.list', { limit: 500 }, { refreshOn: ['organizations'] });
  return (
    <label>
      Organization
      <select
        className="organization-select"
        value={value?.[0] ?? ''}
        onChange={(e) => onChange(e.target.value ? [Number(e.target.value)] : undefined)}
      >
        <option value="">All</option>
        {organizations.data?.items.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name} ({count(o)})
          </option>
        ))}
      </select>
    </label>
  );
}
