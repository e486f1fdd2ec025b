-- v_by_township: 各下级地区汇总 — one row per (campaign, period, region below the deployment's own): that region's 合计
-- row of the month-end rollup, with its name, cumulative figures, the month's figures and the rates.
with

month_end as (
    select * from rollup_month_end where industry_code = 'ALL'
),

regions as (
    select code, name, level from ref_region where parent_code is not null
)

select
    m.campaign,
    m.period,
    m.region_code,
    r.name as region_name,
    r.level as region_level,
    m.enterprises_inspected,
    m.hazards_total,
    m.rectified_total,
    m.cases_filed,
    m.fines_wan,
    m.enterprises_inspected_cum,
    m.hazards_total_cum,
    m.hazards_major_cum,
    m.rectified_total_cum,
    m.rectified_major_cum,
    m.cases_filed_cum,
    m.fines_wan_cum,
    m.rectification_rate,
    m.major_rectification_rate,
    m.submitters_expected,
    m.submitters_reported,
    m.submitters_carried_forward,
    m.as_of
from month_end as m
inner join regions as r on r.code = m.region_code
order by m.campaign, m.period, m.region_code
