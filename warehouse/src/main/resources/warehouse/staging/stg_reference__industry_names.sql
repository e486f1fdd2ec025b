-- Every way an industry is written in a list's 行业类别 column: its name and aliases, compared by text_key (V004).
with

industries as (
    select * from stg_reference__industries
),

written as (
    select industry_code, industry_name as written_name from industries
    union all
    select industries.industry_code, alias.written_name
    from industries, unnest(industries.industry_aliases) as alias(written_name)
),

renamed as (
    select
        -- ids
        text_key(written_name) as name_key,
        min(industry_code) as industry_code
    from written
    where text_key(written_name) <> ''
    group by text_key(written_name)
)

select * from renamed
