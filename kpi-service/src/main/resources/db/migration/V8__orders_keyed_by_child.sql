-- Order ids are numbered per case (every child may have an "ord1"), so an order is known by child and
-- order id together. Keyed by order id alone, two children's orders overwrote each other (found by the
-- fault-injection oracle). Rows merged that way before this migration are only put right by a rebuild
-- (POST /kpi/rebuild), which the operations guide asks for after this upgrade.
ALTER TABLE kpi_order DROP CONSTRAINT kpi_order_pkey;
ALTER TABLE kpi_order ADD PRIMARY KEY (child_id, order_id);
DROP INDEX kpi_order_child;
DROP INDEX kpi_status_order;
CREATE INDEX kpi_status_order ON kpi_status (child_id, order_id, point, seq);
