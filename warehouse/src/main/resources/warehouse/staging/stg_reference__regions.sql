with

source as (
    select * from ref_region
),

renamed as (
    select
        -- ids
        code as region_code,
        parent_code as parent_region_code,
        -- text
        name as region_name,
        level as region_level
    from source
)

select * from renamed
