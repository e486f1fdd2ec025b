-- v_by_industry: 分行业汇总 — one row per (campaign, period, industry) for the whole deployment, from the month-end
-- rollup: the month's and the cumulative figures with the industry's name; the 合计 row is industry_code 'ALL'.
with

month_end as (
    select m.*
    from rollup_month_end as m
    inner join ref_region as r on r.code = m.region_code and r.parent_code is null
),

industries as (
    select code, name from ref_industry
)

select
    m.campaign,
    m.period,
    m.industry_code,
    coalesce(i.name, case when m.industry_code = 'ALL' then '合计' else m.industry_code end) as industry_name,
    m.inspection_teams,
    m.inspectors,
    m.enterprises_inspected,
    m.hazards_total,
    m.hazards_major,
    m.rectified_total,
    m.cases_filed,
    m.fines_wan,
    m.inspectors_cum,
    m.enterprises_inspected_cum,
    m.hazards_total_cum,
    m.hazards_major_cum,
    m.rectified_total_cum,
    m.rectified_major_cum,
    m.cases_filed_cum,
    m.fines_wan_cum,
    m.rectification_rate,
    m.major_rectification_rate
from month_end as m
left join industries as i on i.code = m.industry_code
order by m.campaign, m.period, m.industry_code = 'ALL', m.industry_code
