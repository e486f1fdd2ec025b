with

industries as (
    select * from stg_reference__industries
),

final as (
    select
        industry_code,
        industry_name as name,
        industry_aliases as aliases
    from industries
)

select * from final
