import type { RemoteLauncher } from '../../remote/remote-launcher';
import type { Handlers } from '../rpc-server';

export function remoteHandlers(remote: RemoteLauncher): Pick<Handlers, 'remote.connect'> {
  return {
    'remote.connect': ({ deviceId }, { signal }) => remote.connect(deviceId, signal),
  };
}
