-- The accepted table rows the rollups add up, as of getvariable('as_of'): for every expected submitter, the table
-- it counts with for the rollup's month and for the month before (a month-end figure is their difference), once
-- for each rollup region the submitter counts in.
with

tables_as_of as (
    select * from int_submitter_tables_as_of
),

scopes as (
    select * from int_submitters_by_region_scope
),

lines as (
    select * from stg_submissions__lines
    -- a table's cumulative rows: the month figure is their difference with the month before
    where figures = 'cumulative'
),

picked as (
    select * from tables_as_of
    where period in (
        cast(getvariable('period') as date),
        cast(getvariable('period') - interval 1 month as date)
    )
),

final as (
    select
        picked.period,
        scopes.scope_region_code as region_code,
        lines.industry_code,
        -- every measure column, in catalog order: the landed line without its ids, lineage and dates
        columns(lines.* exclude (
            sha256, submitter_code, campaign, region_code, industry_code, sheet, figures, row_number, period,
            received_at
        ))
    from picked
    inner join scopes on scopes.submitter_code = picked.submitter_code
    inner join lines on lines.sha256 = picked.sha256
)

select * from final
