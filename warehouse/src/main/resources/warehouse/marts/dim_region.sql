with

regions as (
    select * from stg_reference__regions
),

final as (
    select
        region_code,
        region_name as name,
        region_level as level,
        parent_region_code as parent_code,
        region_level = 'county' as is_county
    from regions
)

select * from final
