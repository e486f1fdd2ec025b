-- Rollups sent upward (CONTRACT.md "rollup_cutoff", "rollup_month_end") and the 催报 roster.
-- Grain of both rollups: one row per (campaign, period, region_code, industry_code); industry_code 'ALL' is the 合计
-- row; region_code is the deployment's own region (the whole deployment) or a region below it (the submitters in it and under it).
-- Rebuilt per (campaign, period) by the rollup command: delete then insert in one transaction.

create table if not exists rollup_cutoff (
    campaign varchar not null,
    period date not null,
    region_code varchar not null,
    industry_code varchar not null,
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
    submitters_expected integer,
    submitters_reported integer,
    submitters_carried_forward integer,
    as_of timestamp not null,
    primary key (campaign, period, region_code, industry_code)
);

-- Measures without suffix: the month's figure (cumulative M minus cumulative M-1, may be negative after a correction);
-- with _cum: cumulative from the campaign start through M.
create table if not exists rollup_month_end (
    campaign varchar not null,
    period date not null,
    region_code varchar not null,
    industry_code varchar not null,
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
    inspection_teams_cum bigint,
    inspectors_cum bigint,
    experts_cum bigint,
    enterprises_inspected_cum bigint,
    hazards_total_cum bigint,
    hazards_major_cum bigint,
    hazards_general_cum bigint,
    rectified_total_cum bigint,
    rectified_major_cum bigint,
    rectified_general_cum bigint,
    emergency_measures_cum bigint,
    cases_filed_cum bigint,
    fines_wan_cum decimal(18,4),
    double_penalty_cases_cum bigint,
    closures_requested_cum bigint,
    licenses_revoked_cum bigint,
    suspensions_ordered_cum bigint,
    enforcement_documents_cum bigint,
    joint_punishments_cum bigint,
    criminal_transfers_cum bigint,
    selfcheck_enterprises_cum bigint,
    selfcheck_hazards_cum bigint,
    selfcheck_hazards_major_cum bigint,
    exposures_cum bigint,
    transfers_general_cum bigint,
    enterprises_supervised_cum bigint,
    blacklisted_cum bigint,
    licenses_withheld_revoked_cum bigint,
    criminal_transfer_persons_cum bigint,
    transfers_other_cum bigint,
    report_rewards_cum bigint,
    rectification_rate double,            -- rectified_total_cum / hazards_total_cum, null when divisor 0
    major_rectification_rate double,      -- rectified_major_cum / hazards_major_cum, null when divisor 0
    coverage_rate double,                 -- enterprises_inspected_cum / enterprises_supervised_cum, null when unknown
    submitters_expected integer,
    submitters_reported integer,
    submitters_carried_forward integer,
    as_of timestamp not null,
    primary key (campaign, period, region_code, industry_code)
);

-- 催报 roster: one row per (campaign, period, kind, submitter) of every materialized rollup.
create table if not exists rollup_roster (
    campaign varchar not null,
    period date not null,
    kind varchar not null,                -- cutoff | month-end
    submitter_code varchar not null,
    submitter_name varchar not null,
    region_code varchar not null,
    status varchar not null,              -- on_time | late | missing
    carried_forward boolean not null,     -- true when figures come from an earlier month's table
    carried_from_period date,             -- that earlier month, null when not carried forward or nothing to carry
    sha256 varchar,                       -- the table used, null when none
    received_at timestamp,                -- when that table was received
    deadline date not null,               -- holiday-shifted deadline day of the month
    liaison varchar,
    phone varchar,
    as_of timestamp not null,
    primary key (campaign, period, kind, submitter_code)
);
