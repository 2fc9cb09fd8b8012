-- Outbox claims that cannot be settled by someone else, and attempts whose outcome is unknown.
-- claim_token: who holds the current claim; only that claimer may record the outcome (sent, retry, failed).
-- attempted_at: when the current claim's provider call started; still set when the claim ends without a known
--   outcome (the sender died, or the provider never answered), so the message may have gone out.
-- in_doubt_since: carried into the next claim from attempted_at; before re-sending, the sender asks the provider
--   whether a message went out since then.
ALTER TABLE outbox ADD COLUMN claim_token TEXT;
ALTER TABLE outbox ADD COLUMN attempted_at INTEGER;
ALTER TABLE outbox ADD COLUMN in_doubt_since INTEGER;
