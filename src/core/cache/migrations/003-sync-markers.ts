/**
 * Fleet queries page across devices and their cursors expire, so a full sync cannot replace one
 * device's rows at a time. Rows remember the sync run that last saw them; at the end of a phase the
 * rows that run did not see are swept.
 */
export const sql = `
ALTER TABLE patches ADD COLUMN sync_run INTEGER;
ALTER TABLE device_software ADD COLUMN sync_run INTEGER;
ALTER TABLE antivirus ADD COLUMN sync_run INTEGER;
`;
