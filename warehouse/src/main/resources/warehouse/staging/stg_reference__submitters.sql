with

source as (
    select * from ref_submitter
),

renamed as (
    select
        -- ids
        code as submitter_code,
        region_code,
        -- text
        name as submitter_name,
        kind as submitter_kind,
        aliases as submitter_aliases,
        liaison,
        phone
    from source
)

select * from renamed
