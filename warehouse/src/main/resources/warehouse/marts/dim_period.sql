-- Deadlines shift off non-working days (周末、节假日) the campaign's way, honouring 调休 make-up workdays;
-- cutoff_day counts in the reported month (deadline_month 'same') or the month after it ('next');
-- kept in step with DeadlineCalendar by DimPeriodTests.
with

campaigns as (
    select * from stg_reference__campaigns
),

holidays as (
    select * from stg_reference__holidays
),

campaign_months as (
    select
        campaigns.campaign_code as campaign,
        campaigns.cutoff_day,
        campaigns.holiday_shift,
        campaigns.deadline_month,
        campaigns.report_from,
        cast(month_start as date) as period
    from campaigns,
        unnest(generate_series(
            cast(campaigns.first_month as timestamp),
            cast(campaigns.last_month as timestamp),
            interval 1 month
        )) as months(month_start)
),

nominal_deadlines as (
    select
        campaign,
        period,
        holiday_shift,
        least(
            deadline_month_start + (cutoff_day - 1) * interval 1 day,
            last_day(deadline_month_start)
        )::date as nominal_deadline
    from (
        select
            *,
            (period + case when deadline_month = 'next' then interval 1 month else interval 0 month end)::date
                as deadline_month_start
        from campaign_months
    )
),

candidate_days as (
    select
        nominal_deadlines.campaign,
        nominal_deadlines.period,
        steps.step,
        (nominal_deadlines.nominal_deadline
            + (case when nominal_deadlines.holiday_shift = 'later' then 1 else -1 end) * steps.step * interval 1 day
        )::date as candidate_day
    from nominal_deadlines,
        range(0, 31) as steps(step)
),

working_candidates as (
    select
        candidate_days.campaign,
        candidate_days.period,
        candidate_days.step,
        candidate_days.candidate_day
    from candidate_days
    left join holidays on holidays.calendar_date = candidate_days.candidate_day
    where case
        when holidays.day_kind = 'workday' then true
        when holidays.day_kind = 'holiday' then false
        else isodow(candidate_days.candidate_day) <= 5
    end
),

deadlines as (
    select
        campaign,
        period,
        arg_min(candidate_day, step) as deadline
    from working_candidates
    group by campaign, period
),

final as (
    select
        campaign_months.campaign,
        campaign_months.period,
        year(campaign_months.period) as year,
        month(campaign_months.period) as month,
        year(campaign_months.period) || '年' || month(campaign_months.period) || '月' as label,
        deadlines.deadline,
        campaign_months.period >= campaign_months.report_from as is_owed
    from campaign_months
    left join deadlines
        on deadlines.campaign = campaign_months.campaign
        and deadlines.period = campaign_months.period
)

select * from final
