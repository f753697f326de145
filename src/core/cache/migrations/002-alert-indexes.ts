/** Keyset indexes for the alert triage queue (newest first, per device, per condition). */
export const sql = `
CREATE INDEX alerts_state_created ON alerts(state, created_at, uid);
CREATE INDEX alerts_condition ON alerts(state, condition_name, created_at);
`;
