-- A record-level list's own scope: besides submitter and list kind, what makes two lists versions of one another
-- (warehouse FileVersions, README "Record-level lists"): an enterprise directory's tier (key | general), inspection
-- records' month (YYYY-MM); NULL for hazard ledgers and liaison lists (a later one replaces the whole) and for
-- summary tables. A warehouse written before this column is scoped and re-ranked once when opened (FileVersions).
alter table audit_file add column if not exists list_scope varchar;
