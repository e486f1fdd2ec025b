-- Second round (issue 12): why a submitter without an accepted table is not plain 未报, and what-if rollups.
-- Idempotent DDL: safe to run on every start.

-- A submitter whose only tables for the month were rejected (已报被退回): the rejection's error rules and when that
-- table came in; NULL otherwise (status stays missing: no accepted table counts).
alter table rollup_roster add column if not exists rejected_rules varchar;
alter table rollup_roster add column if not exists rejected_at timestamp;

-- What-if rollups (CONTRACT.md "What-if rollups"): `rollup --as-of T` with T other than the default writes here, one
-- set of rows per as_of, and leaves rollup_cutoff, rollup_month_end and rollup_roster as they were. Same columns as
-- the official tables (RollupBuilder adds a column a later migration gives the official table); key: the official
-- key plus as_of.
create table if not exists whatif_rollup_cutoff as select * from rollup_cutoff limit 0;
create table if not exists whatif_rollup_month_end as select * from rollup_month_end limit 0;
create table if not exists whatif_rollup_roster as select * from rollup_roster limit 0;
