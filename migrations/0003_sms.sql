-- SMS channel (1708). Every inbound provider message (by its MessageSid) is handled exactly once: the row is
-- written in the same transaction as its effects (report, thread reply, reply SMS in the outbox), and the
-- primary key refuses a second delivery of the same message. No phone numbers here: they stay in `reporters`.
CREATE TABLE inbound_messages (
    provider TEXT NOT NULL,             -- 'twilio'
    message_sid TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('report', 'reply', 'help', 'refused', 'rate_limited')),
    report_id INTEGER REFERENCES reports(id),
    received_at INTEGER NOT NULL,
    PRIMARY KEY (provider, message_sid)
);
CREATE INDEX inbound_messages_report ON inbound_messages(report_id) WHERE report_id IS NOT NULL;

-- Claimed messages whose lease may expire (the due index covers pending ones).
CREATE INDEX outbox_lease ON outbox(status, claimed_until) WHERE status = 'sending';
