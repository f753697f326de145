/**
 * Everything the demo workspace starts, behind the one dynamic import in `demo-workspace.ts`: the core's
 * bundle then loads none of the simulators, the relay, fastify or pg until a technician opens the demo.
 */
export { startNinjaOneSimulator } from '../../../simulator/ninjaone';
export { startPsaSimulator } from '../../../simulator/psa';
export { newAdminToken } from '../../../relay/auth/admin-token';
export { newConsoleToken } from '../../../relay/auth/console-token';
export { relayConfigSchema } from '../../../relay/config';
export { startRelay } from '../../../relay/relay';
