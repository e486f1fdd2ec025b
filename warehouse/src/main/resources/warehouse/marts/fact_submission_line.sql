with

lines as (
    select * from stg_submissions__lines
),

files as (
    select * from stg_submissions__files
),

accepted_lines as (
    select
        lines.sha256,
        lines.sheet,
        lines.row_number,
        lines.submitter_code,
        lines.campaign,
        lines.period,
        lines.region_code,
        lines.industry_code,
        lines.received_at,
        files.status,
        files.is_current,
        lines.inspection_teams,
        lines.inspectors,
        lines.experts,
        lines.enterprises_inspected,
        lines.hazards_total,
        lines.hazards_major,
        lines.hazards_general,
        lines.rectified_total,
        lines.rectified_major,
        lines.rectified_general,
        lines.emergency_measures,
        lines.cases_filed,
        lines.fines_wan,
        lines.double_penalty_cases,
        lines.closures_requested,
        lines.licenses_revoked,
        lines.suspensions_ordered,
        lines.enforcement_documents,
        lines.joint_punishments,
        lines.criminal_transfers,
        lines.selfcheck_enterprises,
        lines.selfcheck_hazards,
        lines.selfcheck_hazards_major,
        lines.exposures,
        lines.transfers_general,
        lines.enterprises_supervised,
        lines.blacklisted,
        lines.licenses_withheld_revoked,
        lines.criminal_transfer_persons,
        lines.transfers_other,
        lines.report_rewards
    from lines
    inner join files on files.sha256 = lines.sha256
    -- a duplicate shares the sha256 but lands no lines; keep the accepted row only
    where files.is_accepted
)

select * from accepted_lines
