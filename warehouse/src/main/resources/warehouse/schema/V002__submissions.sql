-- What ingest records about every inbox file, one transaction per file (CONTRACT.md "audit_file", "audit_issue"),
-- and the accepted table rows it lands. Append-mostly: a later version only flips the earlier one's status.

create table if not exists audit_file (
    sha256 varchar not null,
    path varchar not null,               -- relative to the inbox given to ingest
    received_at timestamp not null,      -- file mtime, Asia/Shanghai wall-clock
    status varchar not null,             -- loaded | superseded | duplicate | rejected
    submitter_code varchar,
    campaign varchar,
    period date,                         -- first day of the month
    error_count integer not null,
    warning_count integer not null,
    size_bytes bigint,
    format varchar,                      -- xlsx | xls | csv | unknown
    sheet varchar,
    form varchar,
    duplicate_of varchar,                -- path of the first file with the same bytes
    superseded_by varchar,               -- sha256 of the later accepted table
    ingested_at timestamp not null,      -- when anjian processed it
    primary key (sha256, path)
);

create table if not exists audit_issue (
    sha256 varchar not null,
    issue_no integer not null,           -- order within the file
    severity varchar not null,           -- error | warning
    rule varchar not null,
    sheet varchar,
    row_number integer,                  -- 1-based sheet row as Excel shows it
    column_name varchar,
    message varchar not null,
    primary key (sha256, issue_no)
);

-- One row per industry row of every accepted table (loaded or later superseded); the 合计 row is checked, not stored.
create table if not exists land_submission_line (
    sha256 varchar not null,
    sheet varchar not null,
    row_number integer not null,
    submitter_code varchar not null,
    campaign varchar not null,
    period date not null,
    region_code varchar not null,
    industry_code varchar not null,
    received_at timestamp not null,
    inspection_teams bigint,
    inspectors bigint,
    experts bigint,
    enterprises_inspected bigint,
    hazards_total bigint,
    hazards_major bigint,
    hazards_general bigint,
    rectified_total bigint,
    rectified_major bigint,
    rectified_general bigint,
    emergency_measures bigint,
    cases_filed bigint,
    fines_wan decimal(18,4),
    double_penalty_cases bigint,
    closures_requested bigint,
    licenses_revoked bigint,
    suspensions_ordered bigint,
    enforcement_documents bigint,
    joint_punishments bigint,
    criminal_transfers bigint,
    selfcheck_enterprises bigint,
    selfcheck_hazards bigint,
    selfcheck_hazards_major bigint,
    exposures bigint,
    transfers_general bigint,
    enterprises_supervised bigint,
    blacklisted bigint,
    licenses_withheld_revoked bigint,
    criminal_transfer_persons bigint,
    transfers_other bigint,
    report_rewards bigint,
    primary key (sha256, row_number)
);
