with

source as (
    select * from land_submission_month_line
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
