import { useQuery } from '../rpc/use-query';

/** A filter on one organization (or all), listing the cached organizations with their device counts. */
export function OrganizationSelect({
  value,
  onChange,
}: {
  value: number[] | undefined;
  onChange(ids: number[] | undefined): void;
}) {
  const organizations = useQuery('organizations.list', { limit: 500 }, { refreshOn: ['organizations'] });
  return (
    <label>
      Organization
      <select
        value={value?.[0] ?? ''}
        onChange={(e) => onChange(e.target.value ? [Number(e.target.value)] : undefined)}
      >
        <option value="">All</option>
        {organizations.data?.items.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name} ({o.deviceCount})
          </option>
        ))}
      </select>
    </label>
  );
}
