with

campaigns as (
    select * from stg_reference__campaigns
),

final as (
    select
        campaign_code,
        campaign_name as name,
        first_month,
        last_month,
        cutoff_day,
        title_keywords,
        form,
        holiday_shift
    from campaigns
)

select * from final
