-- Issue 14 §5 "no wrong door": the instansi a report was last forwarded from (directly, admin to admin), shown on
-- the receiving instansi's board. NULL for a report dispatched by verification or routing. The whole path stays
-- in the report's events (kind 'forwarded').
ALTER TABLE reports ADD COLUMN forwarded_from INTEGER REFERENCES instansi(id);
