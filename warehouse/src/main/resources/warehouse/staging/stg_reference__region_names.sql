-- Every way a region is written in a list's 所属乡镇（街道） column: its own name, and the name and aliases of the
-- township submitter reporting for it, compared by text_key (V004). A key claimed by two regions goes to the lower
-- code, so the lookup stays one row per key.
with

regions as (
    select * from stg_reference__regions
),

submitters as (
    select * from stg_reference__submitters
),

written as (
    select region_code, region_name as written_name from regions
    union all
    select region_code, submitter_name as written_name from submitters where submitter_kind = 'township'
    union all
    select submitters.region_code, alias.written_name
    from submitters, unnest(submitters.submitter_aliases) as alias(written_name)
    where submitters.submitter_kind = 'township'
),

renamed as (
    select
        -- ids
        text_key(written_name) as name_key,
        min(region_code) as region_code
    from written
    where text_key(written_name) <> ''
    group by text_key(written_name)
)

select * from renamed
