with

source as (
    select * from ref_industry
),

renamed as (
    select
        -- ids
        code as industry_code,
        -- text
        name as industry_name,
        aliases as industry_aliases
    from source
)

select * from renamed
