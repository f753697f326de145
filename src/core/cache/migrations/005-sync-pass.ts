/**
 * A full sync removes the organizations, locations and devices NinjaOne no longer has: like the
 * inventory rows (003), they remember the sync run that last saw them, and the end of a full pass
 * deletes what its run did not see. Patches gain the `rejected` state: a patch an administrator
 * rejected is neither pending nor failed, so it must not count as either.
 */
export const sql = `
ALTER TABLE organizations ADD COLUMN sync_run INTEGER;
ALTER TABLE locations ADD COLUMN sync_run INTEGER;
ALTER TABLE devices ADD COLUMN sync_run INTEGER;

CREATE TABLE patches_v4 (
  device_id INTEGER NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('os', 'software')),
  patch_id TEXT NOT NULL,
  name TEXT NOT NULL,
  kb_number TEXT,
  product_identifier TEXT,
  severity TEXT,
  patch_type TEXT,
  status TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'failed', 'installed', 'rejected')),
  installed_at INTEGER,
  collected_at INTEGER,
  sync_run INTEGER,
  first_seen INTEGER,
  PRIMARY KEY (device_id, kind, patch_id)
) WITHOUT ROWID;
INSERT INTO patches_v4 (device_id, kind, patch_id, name, kb_number, product_identifier, severity, patch_type, status,
  state, installed_at, collected_at, sync_run, first_seen)
SELECT device_id, kind, patch_id, name, kb_number, product_identifier, severity, patch_type, status,
  state, installed_at, collected_at, sync_run, first_seen FROM patches;
DROP TABLE patches;
ALTER TABLE patches_v4 RENAME TO patches;
CREATE INDEX patches_state ON patches(state, kind, name);
CREATE INDEX patches_kb ON patches(kb_number) WHERE kb_number IS NOT NULL;
`;
