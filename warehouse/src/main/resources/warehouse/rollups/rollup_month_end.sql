-- The month-end rollup (月末汇总): the month's figures (cumulative M minus cumulative M-1, both as of
-- getvariable('as_of')), the cumulative figures (<measure>_cum) and the rates, per region and industry, with a 合计
-- row (industry_code 'ALL') for the deployment's own region and the regions
-- below it (int_region_submitter_counts).
with

rollup_lines as (
    -- +1 for the rollup's month, -1 for the month before: the signed sum is cumulative M minus cumulative M-1,
    -- NULL only when neither month has a figure; a late table for M-1 changes M-1's cumulative, not M's
    select
        * exclude (period),
        case when period = getvariable('period') then 1 else -1 end as month_sign
    from int_rollup_lines
),

submitter_counts as (
    select * from int_region_submitter_counts
),

regions as (
    select region_code from int_region_submitter_counts
),

industry_rows as (
    select
        region_code,
        industry_code,
        sum(columns(* exclude (region_code, industry_code, month_sign)) * month_sign),
        sum(columns(* exclude (region_code, industry_code, month_sign))) filter (where month_sign = 1) as '\0_cum'
    from rollup_lines
    -- a form without industry rows (F-003-II) lands each unit's row as 'ALL': it only adds up into the 合计 rows
    where industry_code <> 'ALL'
    group by region_code, industry_code
),

total_rows as (
    -- every rollup region gets its 合计 row, even with no table in it
    select
        regions.region_code,
        'ALL' as industry_code,
        sum(columns(rollup_lines.* exclude (region_code, industry_code, month_sign)) * rollup_lines.month_sign),
        sum(columns(rollup_lines.* exclude (region_code, industry_code, month_sign)))
            filter (where rollup_lines.month_sign = 1) as '\0_cum'
    from regions
    left join rollup_lines on rollup_lines.region_code = regions.region_code
    group by regions.region_code
),

final as (
    select
        getvariable('campaign') as campaign,
        cast(getvariable('period') as date) as period,
        -- enterprises_supervised is a stock (CONTRACT.md): its month figure is the value as of the month, never a
        -- difference between months
        figures.* replace (figures.enterprises_supervised_cum as enterprises_supervised),
        figures.rectified_total_cum / nullif(figures.hazards_total_cum, 0) as rectification_rate,
        figures.rectified_major_cum / nullif(figures.hazards_major_cum, 0) as major_rectification_rate,
        figures.enterprises_inspected_cum / nullif(figures.enterprises_supervised_cum, 0) as coverage_rate,
        submitter_counts.submitters_expected,
        submitter_counts.submitters_reported,
        submitter_counts.submitters_carried_forward,
        cast(getvariable('as_of') as timestamp) as as_of
    from (select * from industry_rows union all by name select * from total_rows) as figures
    inner join submitter_counts on submitter_counts.region_code = figures.region_code
)

select * from final
