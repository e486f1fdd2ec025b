-- The cutoff rollup (22日汇总): cumulative figures through the period as of getvariable('as_of').
with

tables_as_of as (
    select * from int_submitter_tables_as_of
),

scopes as (
    select * from int_submitters_by_region_scope
),

regions as (
    select * from stg_reference__regions
),

lines as (
    select * from stg_submissions__lines
),

picked as (
    select * from tables_as_of
    where period = getvariable('period')
),

picked_lines as (
    select
        scopes.scope_region_code as region_code,
        lines.industry_code,
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
    from picked
    inner join scopes on scopes.submitter_code = picked.submitter_code
    inner join lines on lines.sha256 = picked.sha256
),

industry_rows as (
    select
        region_code,
        industry_code,
        sum(inspection_teams) as inspection_teams,
        sum(inspectors) as inspectors,
        sum(experts) as experts,
        sum(enterprises_inspected) as enterprises_inspected,
        sum(hazards_total) as hazards_total,
        sum(hazards_major) as hazards_major,
        sum(hazards_general) as hazards_general,
        sum(rectified_total) as rectified_total,
        sum(rectified_major) as rectified_major,
        sum(rectified_general) as rectified_general,
        sum(emergency_measures) as emergency_measures,
        sum(cases_filed) as cases_filed,
        sum(fines_wan) as fines_wan,
        sum(double_penalty_cases) as double_penalty_cases,
        sum(closures_requested) as closures_requested,
        sum(licenses_revoked) as licenses_revoked,
        sum(suspensions_ordered) as suspensions_ordered,
        sum(enforcement_documents) as enforcement_documents,
        sum(joint_punishments) as joint_punishments,
        sum(criminal_transfers) as criminal_transfers,
        sum(selfcheck_enterprises) as selfcheck_enterprises,
        sum(selfcheck_hazards) as selfcheck_hazards,
        sum(selfcheck_hazards_major) as selfcheck_hazards_major,
        sum(exposures) as exposures,
        sum(transfers_general) as transfers_general,
        sum(enterprises_supervised) as enterprises_supervised,
        sum(blacklisted) as blacklisted,
        sum(licenses_withheld_revoked) as licenses_withheld_revoked,
        sum(criminal_transfer_persons) as criminal_transfer_persons,
        sum(transfers_other) as transfers_other,
        sum(report_rewards) as report_rewards
    from picked_lines
    group by region_code, industry_code
),

total_rows as (
    select
        regions.region_code,
        'ALL' as industry_code,
        sum(picked_lines.inspection_teams) as inspection_teams,
        sum(picked_lines.inspectors) as inspectors,
        sum(picked_lines.experts) as experts,
        sum(picked_lines.enterprises_inspected) as enterprises_inspected,
        sum(picked_lines.hazards_total) as hazards_total,
        sum(picked_lines.hazards_major) as hazards_major,
        sum(picked_lines.hazards_general) as hazards_general,
        sum(picked_lines.rectified_total) as rectified_total,
        sum(picked_lines.rectified_major) as rectified_major,
        sum(picked_lines.rectified_general) as rectified_general,
        sum(picked_lines.emergency_measures) as emergency_measures,
        sum(picked_lines.cases_filed) as cases_filed,
        sum(picked_lines.fines_wan) as fines_wan,
        sum(picked_lines.double_penalty_cases) as double_penalty_cases,
        sum(picked_lines.closures_requested) as closures_requested,
        sum(picked_lines.licenses_revoked) as licenses_revoked,
        sum(picked_lines.suspensions_ordered) as suspensions_ordered,
        sum(picked_lines.enforcement_documents) as enforcement_documents,
        sum(picked_lines.joint_punishments) as joint_punishments,
        sum(picked_lines.criminal_transfers) as criminal_transfers,
        sum(picked_lines.selfcheck_enterprises) as selfcheck_enterprises,
        sum(picked_lines.selfcheck_hazards) as selfcheck_hazards,
        sum(picked_lines.selfcheck_hazards_major) as selfcheck_hazards_major,
        sum(picked_lines.exposures) as exposures,
        sum(picked_lines.transfers_general) as transfers_general,
        sum(picked_lines.enterprises_supervised) as enterprises_supervised,
        sum(picked_lines.blacklisted) as blacklisted,
        sum(picked_lines.licenses_withheld_revoked) as licenses_withheld_revoked,
        sum(picked_lines.criminal_transfer_persons) as criminal_transfer_persons,
        sum(picked_lines.transfers_other) as transfers_other,
        sum(picked_lines.report_rewards) as report_rewards
    from regions
    left join picked_lines on picked_lines.region_code = regions.region_code
    group by regions.region_code
),

submitter_counts as (
    -- every county and township-level region gets its 合计 row, even with no submitter of its own
    select
        regions.region_code,
        count(picked.submitter_code) as submitters_expected,
        count(picked.submitter_code) filter (where picked.has_table_for_month) as submitters_reported,
        count(picked.submitter_code) filter (where picked.is_carried_forward) as submitters_carried_forward
    from regions
    left join scopes on scopes.scope_region_code = regions.region_code
    left join picked on picked.submitter_code = scopes.submitter_code
    group by regions.region_code
),

final as (
    select
        getvariable('campaign') as campaign,
        cast(getvariable('period') as date) as period,
        rows.region_code,
        rows.industry_code,
        rows.inspection_teams,
        rows.inspectors,
        rows.experts,
        rows.enterprises_inspected,
        rows.hazards_total,
        rows.hazards_major,
        rows.hazards_general,
        rows.rectified_total,
        rows.rectified_major,
        rows.rectified_general,
        rows.emergency_measures,
        rows.cases_filed,
        rows.fines_wan,
        rows.double_penalty_cases,
        rows.closures_requested,
        rows.licenses_revoked,
        rows.suspensions_ordered,
        rows.enforcement_documents,
        rows.joint_punishments,
        rows.criminal_transfers,
        rows.selfcheck_enterprises,
        rows.selfcheck_hazards,
        rows.selfcheck_hazards_major,
        rows.exposures,
        rows.transfers_general,
        rows.enterprises_supervised,
        rows.blacklisted,
        rows.licenses_withheld_revoked,
        rows.criminal_transfer_persons,
        rows.transfers_other,
        rows.report_rewards,
        submitter_counts.submitters_expected,
        submitter_counts.submitters_reported,
        submitter_counts.submitters_carried_forward,
        cast(getvariable('as_of') as timestamp) as as_of
    from (select * from industry_rows union all select * from total_rows) as rows
    inner join submitter_counts on submitter_counts.region_code = rows.region_code
)

select * from final
