-- Which rollup regions each submitter counts in: every submitter in the county's rows, a township-level
-- submitter (镇、街道、园区) also in its own region's rows.
with

submitters as (
    select * from stg_reference__submitters
),

regions as (
    select * from stg_reference__regions
),

county_scope as (
    select
        submitters.submitter_code,
        regions.region_code as scope_region_code
    from submitters
    cross join regions
    where regions.region_level = 'county'
),

own_region_scope as (
    select
        submitters.submitter_code,
        regions.region_code as scope_region_code
    from submitters
    inner join regions on regions.region_code = submitters.region_code
    where regions.region_level <> 'county'
),

final as (
    select * from county_scope
    union all
    select * from own_region_scope
)

select * from final
