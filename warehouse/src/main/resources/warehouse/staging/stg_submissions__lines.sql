-- Both rows a form can give a unit: the 累计数 row (land_submission_line; an industry row of F-000/F-001 is one too)
-- and, for a form with both (F-003-II), the 本月数 row (land_submission_month_line). The landing tables have the
-- same columns; `figures` says which row a line is, so each consumer picks its own.
with

cumulative_rows as (
    select *, 'cumulative' as figures from land_submission_line
),

month_rows as (
    select *, 'month' as figures from land_submission_month_line
),

source as (
    select * from cumulative_rows
    union all
    select * from month_rows
),

renamed as (
    select
        -- ids
        sha256,
        submitter_code,
        campaign,
        region_code,
        industry_code,
        -- text
        sheet,
        figures,
        -- numerics
        row_number,
        inspection_teams,
        inspectors,
        experts,
        enterprises_inspected,
        hazards_total,
        hazards_major,
        hazards_general,
        rectified_total,
        rectified_major,
        rectified_general,
        emergency_measures,
        cases_filed,
        cast(fines_wan as decimal(18, 4)) as fines_wan,
        double_penalty_cases,
        closures_requested,
        licenses_revoked,
        suspensions_ordered,
        enforcement_documents,
        joint_punishments,
        criminal_transfers,
        selfcheck_enterprises,
        selfcheck_hazards,
        selfcheck_hazards_major,
        exposures,
        transfers_general,
        enterprises_supervised,
        blacklisted,
        licenses_withheld_revoked,
        criminal_transfer_persons,
        transfers_other,
        report_rewards,
        -- dates
        period,
        -- timestamps
        received_at
    from source
)

select * from renamed
