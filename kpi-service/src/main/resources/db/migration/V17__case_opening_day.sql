-- The day each case opened (ChildRegistered v2, business time), so the caseload of a past period counts the cases
-- a service opened then, including those recorded later or imported. Null for a v1 registration: its case opened
-- the day it was recorded (recorded_at, in London).
ALTER TABLE kpi_child ADD COLUMN opened_on date;
