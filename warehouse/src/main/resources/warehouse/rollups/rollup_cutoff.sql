-- The cutoff rollup (22日汇总): cumulative figures through the period as of getvariable('as_of'), per region and
-- industry, with a 合计 row (industry_code 'ALL') for the deployment's own region and the regions
-- below it (int_region_submitter_counts).
with

rollup_lines as (
    select * exclude (period) from int_rollup_lines
    where period = getvariable('period')
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
        sum(columns(* exclude (region_code, industry_code)))
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
        sum(columns(rollup_lines.* exclude (region_code, industry_code)))
    from regions
    left join rollup_lines on rollup_lines.region_code = regions.region_code
    group by regions.region_code
),

final as (
    select
        getvariable('campaign') as campaign,
        cast(getvariable('period') as date) as period,
        figures.*,
        submitter_counts.submitters_expected,
        submitter_counts.submitters_reported,
        submitter_counts.submitters_carried_forward,
        cast(getvariable('as_of') as timestamp) as as_of
    from (select * from industry_rows union all by name select * from total_rows) as figures
    inner join submitter_counts on submitter_counts.region_code = figures.region_code
)

select * from final
