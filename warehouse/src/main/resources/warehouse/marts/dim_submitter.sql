with

submitters as (
    select * from stg_reference__submitters
),

regions as (
    select * from stg_reference__regions
),

final as (
    select
        submitters.submitter_code,
        submitters.submitter_name as name,
        submitters.submitter_kind as kind,
        submitters.region_code,
        regions.region_name,
        submitters.submitter_aliases as aliases,
        submitters.liaison,
        submitters.phone
    from submitters
    left join regions on regions.region_code = submitters.region_code
)

select * from final
