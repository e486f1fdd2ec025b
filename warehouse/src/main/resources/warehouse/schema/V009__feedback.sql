-- Feedback to submitters (issue 14): the annotated workbooks (审核意见) written for rejected or warned files, the
-- explanations (上报说明) of advisory findings, and the header texts of accepted tables (template drift).
-- Idempotent DDL: safe to run on every start.

-- One row per annotated workbook written: the mail step sends exactly these.
create table if not exists audit_feedback (
    sha256 varchar not null,             -- audit_file.sha256 of the submission the workbook annotates
    submitter_code varchar,              -- null when the submitter was not recognised (folder 未识别)
    period date,                         -- first day of the month, null when not recognised
    outcome varchar not null,            -- 退回 | 已接收，有提示
    workbook_path varchar not null,      -- relative to the home, '/' separators
    written_at timestamptz not null,
    primary key (sha256)
);

-- 上报说明: why an advisory finding is right after all. From the workbook itself (a 上报说明 / 填报说明 block or
-- sheet) or from the office (anjian explain). An error is never explained away: only a corrected file clears it.
create table if not exists audit_explanation (
    sha256 varchar not null,             -- the file version explained (audit_file.sha256)
    rule varchar not null,               -- the advisory rule explained, e.g. CUMULATIVE_DECREASE
    cell varchar,                        -- sheet!A1 of the finding, null for every finding of that rule in the file
    text varchar not null,
    explained_by varchar not null,       -- 填报单位 (the submitter's code) for a workbook, else the office user
    explained_at timestamptz not null,
    source varchar not null              -- workbook | office
);

-- The header of every accepted summary table, one row per measure column, so the next table of the same submitter
-- and form is compared with it (TEMPLATE_CHANGED).
create table if not exists audit_header (
    sha256 varchar not null,
    submitter_code varchar not null,
    form varchar not null,
    measure varchar not null,            -- measure code the column was matched to
    cell varchar not null,               -- the header's lowest cell, e.g. F5
    header_text varchar not null,        -- the header path as written, group/leaf joined by '/'
    primary key (sha256, measure)
);

-- The roster says whether a submitter's advisory findings in the table used were explained (已说明).
alter table rollup_roster add column if not exists explanation varchar;
alter table whatif_rollup_roster add column if not exists explanation varchar;
