-- Each event is still claimed once, but through a hash index (an exclusion constraint: no two rows with equal event_id)
-- instead of the primary key's B-tree. Event ids are random UUIDs, so every claim lands on a random page of the index:
-- at a million events the B-tree (78 MB) no longer fitted in shared_buffers (64 MB locally) and a rebuild's claims spent
-- most of their time evicting and re-reading its pages (32 s of the replay's 70 s of statements). A hash index keeps
-- only a 4-byte hash per entry (37 MB at a million): a million claims in batches of 2,000 took 8.8 s instead of 18.3 s
-- on the same machine. Claims say ON CONFLICT DO NOTHING without a target, which an exclusion constraint arbitrates.
ALTER TABLE processed_event DROP CONSTRAINT processed_event_pkey;
ALTER TABLE processed_event ADD CONSTRAINT processed_event_once EXCLUDE USING hash (event_id WITH =);
