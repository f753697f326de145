/**
 * Fleet queries page across devices and their cursors expire, so a full sync cannot replace one
 * device's rows at a time. Rows remember the sync run that last saw them; at the end of a phase the
 * rows that run did not see are swept. Titles carry their device counts (recomputed after software
 * changes) so the software view lists the most common titles without scanning every install.
 */
export const sql = `
ALTER TABLE patches ADD COLUMN sync_run INTEGER;
-- When the console first saw the patch on the device: how long a patch has been pending.
ALTER TABLE patches ADD COLUMN first_seen INTEGER;
ALTER TABLE device_software ADD COLUMN sync_run INTEGER;
ALTER TABLE antivirus ADD COLUMN sync_run INTEGER;
ALTER TABLE software_titles ADD COLUMN device_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE software_titles ADD COLUMN version_count INTEGER NOT NULL DEFAULT 0;
CREATE INDEX software_titles_popular ON software_titles(device_count, id);
`;
