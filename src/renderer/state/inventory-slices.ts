import { createPagedList } from './paged-list';

/** The keyset-paged lists of the patches and software views. */
export const usePatchOrgList = createPagedList('patches.byOrganization', { first: 200, next: 500 });
export const usePatchList = createPagedList('patches.byPatch', { first: 200, next: 500 });
export const usePatchDeviceList = createPagedList('patches.devices', { first: 200, next: 500 });
export const useSoftwareTitleList = createPagedList('software.titles', { first: 200, next: 500 });
export const useSoftwareInstallList = createPagedList('software.installs', { first: 200, next: 500 });
