-- Deliverables (应报材料): what a campaign expects besides the monthly tables, once or per quarter (deliverables.csv,
-- README "Deliverables"), the documents received for them, and the roster each rollup keeps of them.
-- Idempotent DDL: safe to run on every start.

-- deliverables.csv as validated; replaced whole on every reference load.
create table if not exists ref_deliverable (
    campaign varchar not null,
    code varchar not null,
    name varchar not null,
    name_keywords varchar[] not null,
    kind varchar not null,               -- once | quarterly
    due varchar not null,                -- as written: YYYY-MM-DD (once) or D[|Qn=MM-DD…] (quarterly)
    who varchar not null,                -- as written: all | departments | townships | codes separated by |
    submitter_codes varchar[] not null,  -- who, resolved against submitters.csv
    satisfied_by varchar[] not null,     -- document and/or list kinds (liaison_list, enterprise_directory, …)
    primary key (campaign, code)
);

-- Each due instance of a deliverable, worked out by the reference loader.
create table if not exists ref_deliverable_due (
    campaign varchar not null,
    deliverable_code varchar not null,
    instance varchar not null,           -- once | the quarter reported on, e.g. 2024Q1
    covers_from date not null,           -- that quarter's first day (once: the campaign's first day)
    covers_to date not null,             -- that quarter's last day (once: the campaign's last day)
    nominal_due date not null,           -- the due day as written
    due_on date not null,                -- moved off non-working days in the campaign's holiday_shift direction
    primary key (campaign, deliverable_code, instance)
);

-- A document (.doc/.docx/.pdf/.wps) recorded as received for a deliverable: one row per deliverable it matched
-- (one document may be both the liaison list and the plan). Its audit_file row is `loaded` with period NULL, so it
-- never takes part in a table's versions.
create table if not exists land_deliverable_document (
    sha256 varchar not null,
    path varchar not null,
    submitter_code varchar not null,
    campaign varchar not null,
    deliverable_code varchar not null,
    instance varchar not null,           -- once | 2024Q1 …
    received_at timestamp not null,
    matched_by varchar not null,         -- file_name (file or folder names) | first_page
    keyword varchar not null,            -- the name keyword found
    primary key (sha256, campaign, deliverable_code)
);

-- The deliverables roster of one rollup (rollups/rollup_deliverables.sql), replaced with it.
create table if not exists rollup_deliverables (
    campaign varchar not null,
    period date not null,                -- the rollup's month
    kind varchar not null,               -- cutoff | month-end
    deliverable_code varchar not null,
    deliverable_name varchar not null,
    instance varchar not null,
    due_on date not null,
    due_this_month boolean not null,     -- due in the rollup's month (else earlier)
    submitter_code varchar not null,
    submitter_name varchar not null,
    region_code varchar not null,
    status varchar not null,             -- on_time | late | missing | pending
    received_at timestamp,               -- first receipt by as_of
    received_as varchar,                 -- document | a list kind
    sha256 varchar,
    path varchar,
    liaison varchar,
    phone varchar,
    as_of timestamp not null,
    primary key (campaign, period, kind, deliverable_code, instance, submitter_code)
);
