-- 汇总 (workbench): the 合计 row (industry_code 'ALL') of one rollup for the deployment's own region and every region
-- below it, cumulative figures (a month-end rollup's _cum columns), in the region tree's order (parameters: kind
-- 'cutoff' | 'month-end', what-if true | false, campaign, period as the month's first day, as_of — the what-if's;
-- ignored for the official rollup, whose rows have one as_of).
with

rollups as (
    select
        'cutoff' as kind, false as is_what_if, campaign, period, region_code, industry_code, as_of,
        submitters_expected, submitters_reported, submitters_carried_forward, enterprises_inspected, hazards_total,
        hazards_major, rectified_total, rectified_major, cases_filed, fines_wan
    from rollup_cutoff
    union all
    select
        'month-end', false, campaign, period, region_code, industry_code, as_of,
        submitters_expected, submitters_reported, submitters_carried_forward, enterprises_inspected_cum,
        hazards_total_cum, hazards_major_cum, rectified_total_cum, rectified_major_cum, cases_filed_cum, fines_wan_cum
    from rollup_month_end
    union all
    select
        'cutoff', true, campaign, period, region_code, industry_code, as_of,
        submitters_expected, submitters_reported, submitters_carried_forward, enterprises_inspected, hazards_total,
        hazards_major, rectified_total, rectified_major, cases_filed, fines_wan
    from whatif_rollup_cutoff
    union all
    select
        'month-end', true, campaign, period, region_code, industry_code, as_of,
        submitters_expected, submitters_reported, submitters_carried_forward, enterprises_inspected_cum,
        hazards_total_cum, hazards_major_cum, rectified_total_cum, rectified_major_cum, cases_filed_cum, fines_wan_cum
    from whatif_rollup_month_end
),

asked as (
    select
        cast(? as varchar) as kind,
        cast(? as boolean) as is_what_if,
        cast(? as varchar) as campaign,
        cast(? as date) as period,
        cast(? as timestamp) as as_of
)

select
    rollups.region_code,
    dim_region.name as region_name,
    dim_region.depth,
    dim_region.path_names,
    rollups.as_of,
    rollups.submitters_expected,
    rollups.submitters_reported,
    rollups.submitters_carried_forward,
    rollups.enterprises_inspected,
    rollups.hazards_total,
    rollups.hazards_major,
    rollups.rectified_total,
    rollups.rectified_major,
    round(100.0 * rollups.rectified_total / nullif(rollups.hazards_total, 0), 1) as rectification_rate,
    rollups.cases_filed,
    round(rollups.fines_wan, 2) as fines_wan
from rollups
inner join asked
    on asked.kind = rollups.kind
    and asked.is_what_if = rollups.is_what_if
    and asked.campaign = rollups.campaign
    and asked.period = rollups.period
    and (not asked.is_what_if or asked.as_of = rollups.as_of)
left join dim_region on dim_region.region_code = rollups.region_code
where rollups.industry_code = 'ALL'
order by dim_region.path_codes, rollups.region_code
