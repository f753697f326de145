import { createPagedList } from './paged-list';
import { createSelection } from './selection';

/** The keyset-paged lists of the patches and software views. */
export const usePatchOrgList = createPagedList('patches.byOrganization', { first: 200, next: 500 });
export const usePatchList = createPagedList('patches.byPatch', { first: 200, next: 500 });
export const usePatchDeviceList = createPagedList('patches.devices', { first: 200, next: 500 });
export const useSoftwareTitleList = createPagedList('software.titles', { first: 200, next: 500 });
export const useSoftwareInstallList = createPagedList('software.installs', { first: 200, next: 500 });

/** Devices selected in a patch's device list or the long-pending list, by id. */
export const usePatchDeviceSelection = createSelection<number>();
/** Devices selected in a software drill-down (a title's installations or a question's answer), by id. */
export const useSoftwareInstallSelection = createSelection<number>();
