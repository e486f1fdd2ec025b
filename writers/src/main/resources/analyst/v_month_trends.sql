-- v_month_trends: 逐月趋势 — one row per (campaign, period): the whole deployment's 合计 row of the month-end rollup, the
-- month's figures, the cumulative figures, the rates, and the change of the month's figures against the month before.
with

county_total as (
    select m.*
    from rollup_month_end as m
    inner join ref_region as r on r.code = m.region_code and r.parent_code is null
    where m.industry_code = 'ALL'
)

select
    campaign,
    period,
    enterprises_inspected,
    hazards_total,
    hazards_major,
    rectified_total,
    cases_filed,
    fines_wan,
    hazards_total - lag(hazards_total) over w as hazards_total_change,
    cases_filed - lag(cases_filed) over w as cases_filed_change,
    hazards_total_cum,
    rectified_total_cum,
    cases_filed_cum,
    fines_wan_cum,
    rectification_rate,
    major_rectification_rate,
    submitters_expected,
    submitters_reported,
    submitters_carried_forward
from county_total
window w as (partition by campaign order by period)
order by campaign, period
