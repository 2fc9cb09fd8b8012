-- Issue 28, finding 3: time-critical messages (a reporter-code recovery code, a set-password link) are claimed before
-- everything else queued on their channel, so a code is not sent after hundreds of older messages (and expired).
ALTER TABLE outbox ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;
