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
        coalesce(deadline_month, 'same') as deadline_month,
        -- numerics
        cutoff_day,
        -- dates
        first_month,
        last_month,
        coalesce(report_from, first_month) as report_from
    from source
)

select * from renamed
