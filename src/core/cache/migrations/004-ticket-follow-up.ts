/**
 * Ticket follow-up state: which alert reset a ticket was last commented about, whether the alert of a
 * closed ticket still has to be reset in NinjaOne, and the indexes the outbox list and poller page on.
 */
export const sql = `
ALTER TABLE tickets ADD COLUMN reset_comment_for INTEGER;
ALTER TABLE tickets ADD COLUMN alert_reset_state TEXT CHECK (alert_reset_state IN ('pending', 'done', 'failed'));
ALTER TABLE tickets ADD COLUMN alert_reset_error TEXT;
CREATE INDEX tickets_open_checked ON tickets(is_closed, status_checked_at);
CREATE INDEX tickets_outbox ON tickets(outbox_id);
CREATE INDEX ticket_outbox_created ON ticket_outbox(created_at, id);
`;
