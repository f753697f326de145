// A named import: the bundle then carries the version, not the whole package.json.
import { version } from '../../../package.json';

export const consoleVersion: string = version;
