with

source as (
    select * from ref_campaign
),

renamed as (
    select
        -- ids
        code as campaign_code,
        -- text
        name as campaign_name,
        form,
        title_keywords,
        holiday_shift,
        -- numerics
        cutoff_day,
        -- dates
        first_month,
        last_month
    from source
)

select * from renamed
