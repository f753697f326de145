import { newConsoleToken } from './auth/console-token';
import type { RelayStore } from './store/store';

const when = (ms: number): string => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');

/** `token create|list|revoke`: returns what to print; throws an Error whose message says what to do. */
export async function runTokenCommand(
  store: RelayStore,
  args: { action: string | undefined; name: string | undefined; target: string | undefined },
): Promise<string> {
  switch (args.action) {
    case 'create': {
      const name = args.name?.trim();
      if (!name || name.length > 100)
        throw new Error('Name the token: token create --name <console or person>.');
      const { token, hash } = newConsoleToken();
      const info = await store.createToken(name, hash, Date.now());
      return [
        `Created console token ${info.id} "${info.name}". It is shown only this once:`,
        '',
        `  ${token}`,
        '',
        'Enter it in the console under Settings > Relay. Revoke it with: npm run relay -- token revoke ' +
          JSON.stringify(info.name),
      ].join('\n');
    }
    case 'list': {
      const tokens = await store.listTokens();
      if (tokens.length === 0) return 'No console tokens yet: npm run relay -- token create --name <name>';
      const rows = tokens.map((t) => [
        String(t.id),
        t.name,
        when(t.createdAt),
        t.revokedAt === null ? 'active' : `revoked ${when(t.revokedAt)}`,
      ]);
      const header = ['id', 'name', 'created', 'status'];
      const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
      const line = (cells: string[]) =>
        cells
          .map((c, i) => c.padEnd(widths[i]!))
          .join('  ')
          .trimEnd();
      return [line(header), ...rows.map(line)].join('\n');
    }
    case 'revoke': {
      const target = args.target ?? args.name;
      if (!target) throw new Error('Say which token: token revoke <name or id>.');
      const info = await store.revokeToken(target, Date.now());
      if (!info) throw new Error(`No active console token named or numbered "${target}" (see token list).`);
      return `Revoked console token ${info.id} "${info.name}"; its open streams close within seconds.`;
    }
    default:
      throw new Error('Use token create --name <name>, token list, or token revoke <name or id>.');
  }
}
