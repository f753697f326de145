/**
 * The device search reads what technicians type (see `device-search.ts`): the index now holds each
 * field in the form the search compares (apostrophes and case normalized, word starts for one- and
 * two-letter words, addresses as whole-octet prefixes, MAC addresses in one form), through SQL
 * functions the console registers on every connection. Alerts get one condition name from every
 * source (`conditionNameOf`): the configured name, which webhooks carry too.
 */
const name = (row: string): string =>
  `CASE WHEN ${row}.system_name IS NULL OR ${row}.system_name = ${row}.name THEN ${row}.name ELSE ${row}.name || ' ' || ${row}.system_name END`;

const values = (row: string): string => `${row}.id, search_text(${name(row)}), search_text(${row}.serial),
    search_text(${row}.last_user), search_addresses(${row}.ip_addresses, ${row}.public_ip),
    search_macs(${row}.mac_addresses), search_words(${name(row)}, ${row}.last_user)`;

const columns = 'rowid, name, serial, last_user, addresses, macs, words';

export const sql = `
DROP TRIGGER devices_fts_insert;
DROP TRIGGER devices_fts_delete;
DROP TRIGGER devices_fts_update;
DROP TABLE devices_fts;
CREATE VIRTUAL TABLE devices_fts USING fts5(
  name, serial, last_user, addresses, macs, words,
  content='', contentless_delete=1, tokenize='trigram'
);
CREATE TRIGGER devices_fts_insert AFTER INSERT ON devices BEGIN
  INSERT INTO devices_fts(${columns}) VALUES (${values('new')});
END;
CREATE TRIGGER devices_fts_delete AFTER DELETE ON devices BEGIN
  DELETE FROM devices_fts WHERE rowid = old.id;
END;
CREATE TRIGGER devices_fts_update
AFTER UPDATE OF name, system_name, serial, last_user, ip_addresses, mac_addresses, public_ip ON devices BEGIN
  DELETE FROM devices_fts WHERE rowid = old.id;
  INSERT INTO devices_fts(${columns}) VALUES (${values('new')});
END;
INSERT INTO devices_fts(${columns}) SELECT ${values('d')} FROM devices d;

UPDATE alerts SET condition_name = coalesce(nullif(trim(source_name), ''), nullif(trim(condition_name), ''),
  nullif(trim(subject), ''), source_type);
`;
