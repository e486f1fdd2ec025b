-- The month-end rollup (月末汇总): the month's figures (cumulative M minus cumulative M-1), cumulative figures
-- and rates, as of getvariable('as_of').
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

-- both months as of the same as_of: a late table for M-1 changes M-1's cumulative, not M's month figure
picked_both_months as (
    select * from tables_as_of
    where period in (
        cast(getvariable('period') as date),
        cast(getvariable('period') - interval 1 month as date)
    )
),

picked_lines as (
    select
        picked_both_months.period = getvariable('period') as is_this_month,
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
    from picked_both_months
    inner join scopes on scopes.submitter_code = picked_both_months.submitter_code
    inner join lines on lines.sha256 = picked_both_months.sha256
),

industry_cumulatives as (
    select
        region_code,
        industry_code,
        sum(inspection_teams) filter (where is_this_month) as inspection_teams_cum,
        sum(inspectors) filter (where is_this_month) as inspectors_cum,
        sum(experts) filter (where is_this_month) as experts_cum,
        sum(enterprises_inspected) filter (where is_this_month) as enterprises_inspected_cum,
        sum(hazards_total) filter (where is_this_month) as hazards_total_cum,
        sum(hazards_major) filter (where is_this_month) as hazards_major_cum,
        sum(hazards_general) filter (where is_this_month) as hazards_general_cum,
        sum(rectified_total) filter (where is_this_month) as rectified_total_cum,
        sum(rectified_major) filter (where is_this_month) as rectified_major_cum,
        sum(rectified_general) filter (where is_this_month) as rectified_general_cum,
        sum(emergency_measures) filter (where is_this_month) as emergency_measures_cum,
        sum(cases_filed) filter (where is_this_month) as cases_filed_cum,
        sum(fines_wan) filter (where is_this_month) as fines_wan_cum,
        sum(double_penalty_cases) filter (where is_this_month) as double_penalty_cases_cum,
        sum(closures_requested) filter (where is_this_month) as closures_requested_cum,
        sum(licenses_revoked) filter (where is_this_month) as licenses_revoked_cum,
        sum(suspensions_ordered) filter (where is_this_month) as suspensions_ordered_cum,
        sum(enforcement_documents) filter (where is_this_month) as enforcement_documents_cum,
        sum(joint_punishments) filter (where is_this_month) as joint_punishments_cum,
        sum(criminal_transfers) filter (where is_this_month) as criminal_transfers_cum,
        sum(selfcheck_enterprises) filter (where is_this_month) as selfcheck_enterprises_cum,
        sum(selfcheck_hazards) filter (where is_this_month) as selfcheck_hazards_cum,
        sum(selfcheck_hazards_major) filter (where is_this_month) as selfcheck_hazards_major_cum,
        sum(exposures) filter (where is_this_month) as exposures_cum,
        sum(transfers_general) filter (where is_this_month) as transfers_general_cum,
        sum(enterprises_supervised) filter (where is_this_month) as enterprises_supervised_cum,
        sum(blacklisted) filter (where is_this_month) as blacklisted_cum,
        sum(licenses_withheld_revoked) filter (where is_this_month) as licenses_withheld_revoked_cum,
        sum(criminal_transfer_persons) filter (where is_this_month) as criminal_transfer_persons_cum,
        sum(transfers_other) filter (where is_this_month) as transfers_other_cum,
        sum(report_rewards) filter (where is_this_month) as report_rewards_cum,
        sum(inspection_teams) filter (where not is_this_month) as inspection_teams_prev,
        sum(inspectors) filter (where not is_this_month) as inspectors_prev,
        sum(experts) filter (where not is_this_month) as experts_prev,
        sum(enterprises_inspected) filter (where not is_this_month) as enterprises_inspected_prev,
        sum(hazards_total) filter (where not is_this_month) as hazards_total_prev,
        sum(hazards_major) filter (where not is_this_month) as hazards_major_prev,
        sum(hazards_general) filter (where not is_this_month) as hazards_general_prev,
        sum(rectified_total) filter (where not is_this_month) as rectified_total_prev,
        sum(rectified_major) filter (where not is_this_month) as rectified_major_prev,
        sum(rectified_general) filter (where not is_this_month) as rectified_general_prev,
        sum(emergency_measures) filter (where not is_this_month) as emergency_measures_prev,
        sum(cases_filed) filter (where not is_this_month) as cases_filed_prev,
        sum(fines_wan) filter (where not is_this_month) as fines_wan_prev,
        sum(double_penalty_cases) filter (where not is_this_month) as double_penalty_cases_prev,
        sum(closures_requested) filter (where not is_this_month) as closures_requested_prev,
        sum(licenses_revoked) filter (where not is_this_month) as licenses_revoked_prev,
        sum(suspensions_ordered) filter (where not is_this_month) as suspensions_ordered_prev,
        sum(enforcement_documents) filter (where not is_this_month) as enforcement_documents_prev,
        sum(joint_punishments) filter (where not is_this_month) as joint_punishments_prev,
        sum(criminal_transfers) filter (where not is_this_month) as criminal_transfers_prev,
        sum(selfcheck_enterprises) filter (where not is_this_month) as selfcheck_enterprises_prev,
        sum(selfcheck_hazards) filter (where not is_this_month) as selfcheck_hazards_prev,
        sum(selfcheck_hazards_major) filter (where not is_this_month) as selfcheck_hazards_major_prev,
        sum(exposures) filter (where not is_this_month) as exposures_prev,
        sum(transfers_general) filter (where not is_this_month) as transfers_general_prev,
        sum(enterprises_supervised) filter (where not is_this_month) as enterprises_supervised_prev,
        sum(blacklisted) filter (where not is_this_month) as blacklisted_prev,
        sum(licenses_withheld_revoked) filter (where not is_this_month) as licenses_withheld_revoked_prev,
        sum(criminal_transfer_persons) filter (where not is_this_month) as criminal_transfer_persons_prev,
        sum(transfers_other) filter (where not is_this_month) as transfers_other_prev,
        sum(report_rewards) filter (where not is_this_month) as report_rewards_prev
    from picked_lines
    group by region_code, industry_code
),

total_cumulatives as (
    select
        regions.region_code,
        'ALL' as industry_code,
        sum(picked_lines.inspection_teams) filter (where picked_lines.is_this_month) as inspection_teams_cum,
        sum(picked_lines.inspectors) filter (where picked_lines.is_this_month) as inspectors_cum,
        sum(picked_lines.experts) filter (where picked_lines.is_this_month) as experts_cum,
        sum(picked_lines.enterprises_inspected) filter (where picked_lines.is_this_month) as enterprises_inspected_cum,
        sum(picked_lines.hazards_total) filter (where picked_lines.is_this_month) as hazards_total_cum,
        sum(picked_lines.hazards_major) filter (where picked_lines.is_this_month) as hazards_major_cum,
        sum(picked_lines.hazards_general) filter (where picked_lines.is_this_month) as hazards_general_cum,
        sum(picked_lines.rectified_total) filter (where picked_lines.is_this_month) as rectified_total_cum,
        sum(picked_lines.rectified_major) filter (where picked_lines.is_this_month) as rectified_major_cum,
        sum(picked_lines.rectified_general) filter (where picked_lines.is_this_month) as rectified_general_cum,
        sum(picked_lines.emergency_measures) filter (where picked_lines.is_this_month) as emergency_measures_cum,
        sum(picked_lines.cases_filed) filter (where picked_lines.is_this_month) as cases_filed_cum,
        sum(picked_lines.fines_wan) filter (where picked_lines.is_this_month) as fines_wan_cum,
        sum(picked_lines.double_penalty_cases) filter (where picked_lines.is_this_month) as double_penalty_cases_cum,
        sum(picked_lines.closures_requested) filter (where picked_lines.is_this_month) as closures_requested_cum,
        sum(picked_lines.licenses_revoked) filter (where picked_lines.is_this_month) as licenses_revoked_cum,
        sum(picked_lines.suspensions_ordered) filter (where picked_lines.is_this_month) as suspensions_ordered_cum,
        sum(picked_lines.enforcement_documents) filter (where picked_lines.is_this_month) as enforcement_documents_cum,
        sum(picked_lines.joint_punishments) filter (where picked_lines.is_this_month) as joint_punishments_cum,
        sum(picked_lines.criminal_transfers) filter (where picked_lines.is_this_month) as criminal_transfers_cum,
        sum(picked_lines.selfcheck_enterprises) filter (where picked_lines.is_this_month) as selfcheck_enterprises_cum,
        sum(picked_lines.selfcheck_hazards) filter (where picked_lines.is_this_month) as selfcheck_hazards_cum,
        sum(picked_lines.selfcheck_hazards_major) filter (where picked_lines.is_this_month) as selfcheck_hazards_major_cum,
        sum(picked_lines.exposures) filter (where picked_lines.is_this_month) as exposures_cum,
        sum(picked_lines.transfers_general) filter (where picked_lines.is_this_month) as transfers_general_cum,
        sum(picked_lines.enterprises_supervised) filter (where picked_lines.is_this_month) as enterprises_supervised_cum,
        sum(picked_lines.blacklisted) filter (where picked_lines.is_this_month) as blacklisted_cum,
        sum(picked_lines.licenses_withheld_revoked) filter (where picked_lines.is_this_month) as licenses_withheld_revoked_cum,
        sum(picked_lines.criminal_transfer_persons) filter (where picked_lines.is_this_month) as criminal_transfer_persons_cum,
        sum(picked_lines.transfers_other) filter (where picked_lines.is_this_month) as transfers_other_cum,
        sum(picked_lines.report_rewards) filter (where picked_lines.is_this_month) as report_rewards_cum,
        sum(picked_lines.inspection_teams) filter (where not picked_lines.is_this_month) as inspection_teams_prev,
        sum(picked_lines.inspectors) filter (where not picked_lines.is_this_month) as inspectors_prev,
        sum(picked_lines.experts) filter (where not picked_lines.is_this_month) as experts_prev,
        sum(picked_lines.enterprises_inspected) filter (where not picked_lines.is_this_month) as enterprises_inspected_prev,
        sum(picked_lines.hazards_total) filter (where not picked_lines.is_this_month) as hazards_total_prev,
        sum(picked_lines.hazards_major) filter (where not picked_lines.is_this_month) as hazards_major_prev,
        sum(picked_lines.hazards_general) filter (where not picked_lines.is_this_month) as hazards_general_prev,
        sum(picked_lines.rectified_total) filter (where not picked_lines.is_this_month) as rectified_total_prev,
        sum(picked_lines.rectified_major) filter (where not picked_lines.is_this_month) as rectified_major_prev,
        sum(picked_lines.rectified_general) filter (where not picked_lines.is_this_month) as rectified_general_prev,
        sum(picked_lines.emergency_measures) filter (where not picked_lines.is_this_month) as emergency_measures_prev,
        sum(picked_lines.cases_filed) filter (where not picked_lines.is_this_month) as cases_filed_prev,
        sum(picked_lines.fines_wan) filter (where not picked_lines.is_this_month) as fines_wan_prev,
        sum(picked_lines.double_penalty_cases) filter (where not picked_lines.is_this_month) as double_penalty_cases_prev,
        sum(picked_lines.closures_requested) filter (where not picked_lines.is_this_month) as closures_requested_prev,
        sum(picked_lines.licenses_revoked) filter (where not picked_lines.is_this_month) as licenses_revoked_prev,
        sum(picked_lines.suspensions_ordered) filter (where not picked_lines.is_this_month) as suspensions_ordered_prev,
        sum(picked_lines.enforcement_documents) filter (where not picked_lines.is_this_month) as enforcement_documents_prev,
        sum(picked_lines.joint_punishments) filter (where not picked_lines.is_this_month) as joint_punishments_prev,
        sum(picked_lines.criminal_transfers) filter (where not picked_lines.is_this_month) as criminal_transfers_prev,
        sum(picked_lines.selfcheck_enterprises) filter (where not picked_lines.is_this_month) as selfcheck_enterprises_prev,
        sum(picked_lines.selfcheck_hazards) filter (where not picked_lines.is_this_month) as selfcheck_hazards_prev,
        sum(picked_lines.selfcheck_hazards_major) filter (where not picked_lines.is_this_month) as selfcheck_hazards_major_prev,
        sum(picked_lines.exposures) filter (where not picked_lines.is_this_month) as exposures_prev,
        sum(picked_lines.transfers_general) filter (where not picked_lines.is_this_month) as transfers_general_prev,
        sum(picked_lines.enterprises_supervised) filter (where not picked_lines.is_this_month) as enterprises_supervised_prev,
        sum(picked_lines.blacklisted) filter (where not picked_lines.is_this_month) as blacklisted_prev,
        sum(picked_lines.licenses_withheld_revoked) filter (where not picked_lines.is_this_month) as licenses_withheld_revoked_prev,
        sum(picked_lines.criminal_transfer_persons) filter (where not picked_lines.is_this_month) as criminal_transfer_persons_prev,
        sum(picked_lines.transfers_other) filter (where not picked_lines.is_this_month) as transfers_other_prev,
        sum(picked_lines.report_rewards) filter (where not picked_lines.is_this_month) as report_rewards_prev
    from regions
    left join picked_lines on picked_lines.region_code = regions.region_code
    group by regions.region_code
),

cumulatives as (
    select * from industry_cumulatives
    union all
    select * from total_cumulatives
),

month_figures as (
    select
        region_code,
        industry_code,
        case when inspection_teams_cum is null and inspection_teams_prev is null then null
            else coalesce(inspection_teams_cum, 0) - coalesce(inspection_teams_prev, 0) end as inspection_teams,
        case when inspectors_cum is null and inspectors_prev is null then null
            else coalesce(inspectors_cum, 0) - coalesce(inspectors_prev, 0) end as inspectors,
        case when experts_cum is null and experts_prev is null then null
            else coalesce(experts_cum, 0) - coalesce(experts_prev, 0) end as experts,
        case when enterprises_inspected_cum is null and enterprises_inspected_prev is null then null
            else coalesce(enterprises_inspected_cum, 0) - coalesce(enterprises_inspected_prev, 0) end as enterprises_inspected,
        case when hazards_total_cum is null and hazards_total_prev is null then null
            else coalesce(hazards_total_cum, 0) - coalesce(hazards_total_prev, 0) end as hazards_total,
        case when hazards_major_cum is null and hazards_major_prev is null then null
            else coalesce(hazards_major_cum, 0) - coalesce(hazards_major_prev, 0) end as hazards_major,
        case when hazards_general_cum is null and hazards_general_prev is null then null
            else coalesce(hazards_general_cum, 0) - coalesce(hazards_general_prev, 0) end as hazards_general,
        case when rectified_total_cum is null and rectified_total_prev is null then null
            else coalesce(rectified_total_cum, 0) - coalesce(rectified_total_prev, 0) end as rectified_total,
        case when rectified_major_cum is null and rectified_major_prev is null then null
            else coalesce(rectified_major_cum, 0) - coalesce(rectified_major_prev, 0) end as rectified_major,
        case when rectified_general_cum is null and rectified_general_prev is null then null
            else coalesce(rectified_general_cum, 0) - coalesce(rectified_general_prev, 0) end as rectified_general,
        case when emergency_measures_cum is null and emergency_measures_prev is null then null
            else coalesce(emergency_measures_cum, 0) - coalesce(emergency_measures_prev, 0) end as emergency_measures,
        case when cases_filed_cum is null and cases_filed_prev is null then null
            else coalesce(cases_filed_cum, 0) - coalesce(cases_filed_prev, 0) end as cases_filed,
        case when fines_wan_cum is null and fines_wan_prev is null then null
            else coalesce(fines_wan_cum, 0) - coalesce(fines_wan_prev, 0) end as fines_wan,
        case when double_penalty_cases_cum is null and double_penalty_cases_prev is null then null
            else coalesce(double_penalty_cases_cum, 0) - coalesce(double_penalty_cases_prev, 0) end as double_penalty_cases,
        case when closures_requested_cum is null and closures_requested_prev is null then null
            else coalesce(closures_requested_cum, 0) - coalesce(closures_requested_prev, 0) end as closures_requested,
        case when licenses_revoked_cum is null and licenses_revoked_prev is null then null
            else coalesce(licenses_revoked_cum, 0) - coalesce(licenses_revoked_prev, 0) end as licenses_revoked,
        case when suspensions_ordered_cum is null and suspensions_ordered_prev is null then null
            else coalesce(suspensions_ordered_cum, 0) - coalesce(suspensions_ordered_prev, 0) end as suspensions_ordered,
        case when enforcement_documents_cum is null and enforcement_documents_prev is null then null
            else coalesce(enforcement_documents_cum, 0) - coalesce(enforcement_documents_prev, 0) end as enforcement_documents,
        case when joint_punishments_cum is null and joint_punishments_prev is null then null
            else coalesce(joint_punishments_cum, 0) - coalesce(joint_punishments_prev, 0) end as joint_punishments,
        case when criminal_transfers_cum is null and criminal_transfers_prev is null then null
            else coalesce(criminal_transfers_cum, 0) - coalesce(criminal_transfers_prev, 0) end as criminal_transfers,
        case when selfcheck_enterprises_cum is null and selfcheck_enterprises_prev is null then null
            else coalesce(selfcheck_enterprises_cum, 0) - coalesce(selfcheck_enterprises_prev, 0) end as selfcheck_enterprises,
        case when selfcheck_hazards_cum is null and selfcheck_hazards_prev is null then null
            else coalesce(selfcheck_hazards_cum, 0) - coalesce(selfcheck_hazards_prev, 0) end as selfcheck_hazards,
        case when selfcheck_hazards_major_cum is null and selfcheck_hazards_major_prev is null then null
            else coalesce(selfcheck_hazards_major_cum, 0) - coalesce(selfcheck_hazards_major_prev, 0) end as selfcheck_hazards_major,
        case when exposures_cum is null and exposures_prev is null then null
            else coalesce(exposures_cum, 0) - coalesce(exposures_prev, 0) end as exposures,
        case when transfers_general_cum is null and transfers_general_prev is null then null
            else coalesce(transfers_general_cum, 0) - coalesce(transfers_general_prev, 0) end as transfers_general,
        case when enterprises_supervised_cum is null and enterprises_supervised_prev is null then null
            else coalesce(enterprises_supervised_cum, 0) - coalesce(enterprises_supervised_prev, 0) end as enterprises_supervised,
        case when blacklisted_cum is null and blacklisted_prev is null then null
            else coalesce(blacklisted_cum, 0) - coalesce(blacklisted_prev, 0) end as blacklisted,
        case when licenses_withheld_revoked_cum is null and licenses_withheld_revoked_prev is null then null
            else coalesce(licenses_withheld_revoked_cum, 0) - coalesce(licenses_withheld_revoked_prev, 0) end as licenses_withheld_revoked,
        case when criminal_transfer_persons_cum is null and criminal_transfer_persons_prev is null then null
            else coalesce(criminal_transfer_persons_cum, 0) - coalesce(criminal_transfer_persons_prev, 0) end as criminal_transfer_persons,
        case when transfers_other_cum is null and transfers_other_prev is null then null
            else coalesce(transfers_other_cum, 0) - coalesce(transfers_other_prev, 0) end as transfers_other,
        case when report_rewards_cum is null and report_rewards_prev is null then null
            else coalesce(report_rewards_cum, 0) - coalesce(report_rewards_prev, 0) end as report_rewards,
        inspection_teams_cum,
        inspectors_cum,
        experts_cum,
        enterprises_inspected_cum,
        hazards_total_cum,
        hazards_major_cum,
        hazards_general_cum,
        rectified_total_cum,
        rectified_major_cum,
        rectified_general_cum,
        emergency_measures_cum,
        cases_filed_cum,
        fines_wan_cum,
        double_penalty_cases_cum,
        closures_requested_cum,
        licenses_revoked_cum,
        suspensions_ordered_cum,
        enforcement_documents_cum,
        joint_punishments_cum,
        criminal_transfers_cum,
        selfcheck_enterprises_cum,
        selfcheck_hazards_cum,
        selfcheck_hazards_major_cum,
        exposures_cum,
        transfers_general_cum,
        enterprises_supervised_cum,
        blacklisted_cum,
        licenses_withheld_revoked_cum,
        criminal_transfer_persons_cum,
        transfers_other_cum,
        report_rewards_cum
    from cumulatives
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
        month_figures.*,
        rectified_total_cum / nullif(hazards_total_cum, 0) as rectification_rate,
        rectified_major_cum / nullif(hazards_major_cum, 0) as major_rectification_rate,
        enterprises_inspected_cum / nullif(enterprises_supervised_cum, 0) as coverage_rate,
        submitter_counts.submitters_expected,
        submitter_counts.submitters_reported,
        submitter_counts.submitters_carried_forward,
        cast(getvariable('as_of') as timestamp) as as_of
    from month_figures
    inner join submitter_counts on submitter_counts.region_code = month_figures.region_code
)

select * from final
