import { useQuery } from '../rpc/use-query';

/** A filter on the PSA client an organization is mapped to; hidden until a PSA is connected. */
export function PsaClientSelect({
  value,
  onChange,
}: {
  value: string[] | undefined;
  onChange(ids: string[] | undefined): void;
}) {
  const clients = useQuery(
    'psa.clients',
    { limit: 500 },
    { refreshOnEvents: ['psa.statusChanged', 'mapping.changed'] },
  );
  if (!clients.data?.items.length) return null;
  return (
    <label>
      PSA client
      <select
        value={value?.[0] ?? ''}
        onChange={(e) => onChange(e.target.value ? [e.target.value] : undefined)}
      >
        <option value="">All</option>
        {clients.data.items.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
    </label>
  );
}
