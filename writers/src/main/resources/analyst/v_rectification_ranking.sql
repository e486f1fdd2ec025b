-- v_rectification_ranking: 隐患整改率排名 — one row per (campaign, period, region below the deployment's own): its
-- cumulative rectification rate (已整改 / 发现隐患, month-end rollup) and its rank among the regions of the same parent
-- that month (a county's townships; a city's counties)
-- (1 = highest rate; regions with no hazards found have no rate and rank last).
with

township_totals as (
    select m.campaign, m.period, m.region_code, m.hazards_total_cum, m.rectified_total_cum,
        m.hazards_major_cum, m.rectified_major_cum, m.rectification_rate, m.major_rectification_rate, r.parent_code
    from rollup_month_end as m
    inner join ref_region as r on r.code = m.region_code and r.parent_code is not null
    where m.industry_code = 'ALL'
),

ranked as (
    select
        t.*,
        rank() over (partition by t.campaign, t.period, t.parent_code order by t.rectification_rate desc nulls last)
            as rectification_rank
    from township_totals as t
)

select
    k.campaign,
    k.period,
    k.rectification_rank,
    k.region_code,
    r.name as region_name,
    k.hazards_total_cum,
    k.rectified_total_cum,
    k.hazards_total_cum - k.rectified_total_cum as unrectified_cum,
    k.rectification_rate,
    k.hazards_major_cum,
    k.rectified_major_cum,
    k.major_rectification_rate
from ranked as k
inner join ref_region as r on r.code = k.region_code
order by k.campaign, k.period, k.rectification_rank, k.region_code
