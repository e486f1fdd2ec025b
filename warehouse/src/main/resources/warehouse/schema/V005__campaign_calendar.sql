-- The campaigns.csv calendar columns of the second round (CONTRACT.md “Calendars the seed offices use”).
-- Idempotent DDL: safe to run on every start. NULL (a warehouse loaded before this file) means the default,
-- which stg_reference__campaigns applies.

-- First month a table is owed for (DATE, first day); default first_month.
alter table ref_campaign add column if not exists report_from date;

-- Which month cutoff_day counts in: same (the reported month) | next (the month after it); default same.
alter table ref_campaign add column if not exists deadline_month varchar;
