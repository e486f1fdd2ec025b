-- How many submitters each rollup region expects for the rollup's month, and how many of them reported a table
-- for it or are carried forward from an earlier month, as of getvariable('as_of').
with

tables_as_of as (
    select * from int_submitter_tables_as_of
),

scopes as (
    select * from int_submitters_by_region_scope
),

regions as (
    -- the rollup regions: the deployment's own region and the regions directly under it (a county's townships,
    -- whether or not they have submitters, as ever), and deeper regions with a submitter in them or below them (a
    -- city's reference data may list villages nobody reports for)
    select * from stg_reference__regions
    where parent_region_code is null
        or parent_region_code in (select region_code from stg_reference__regions where parent_region_code is null)
        or region_code in (select scope_region_code from int_submitters_by_region_scope)
),

picked as (
    -- before the campaign's report_from no table is owed: nobody is expected, late or carried forward
    select * from tables_as_of
    where period = getvariable('period')
        and is_owed
),

final as (
    -- every rollup region gets its counts, even when nobody in it owes a table this month
    select
        regions.region_code,
        count(picked.submitter_code) as submitters_expected,
        count(picked.submitter_code) filter (where picked.has_table_for_month) as submitters_reported,
        count(picked.submitter_code) filter (where picked.is_carried_forward) as submitters_carried_forward
    from regions
    left join scopes on scopes.scope_region_code = regions.region_code
    left join picked on picked.submitter_code = scopes.submitter_code
    group by regions.region_code
)

select * from final
