with

source as (
    select * from ref_holiday
),

renamed as (
    select
        -- dates
        date as calendar_date,
        -- text
        kind as day_kind,
        -- booleans
        kind = 'workday' as is_makeup_workday
    from source
)

select * from renamed
