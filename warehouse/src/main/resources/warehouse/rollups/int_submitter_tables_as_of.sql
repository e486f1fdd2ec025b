-- For each expected submitter and each campaign month up to the rollup's period: the table the rollup takes
-- as of getvariable('as_of') — the latest accepted table for that month, else carried forward from the latest
-- earlier month's accepted table received by then. is_owed: whether a table is owed for the month at all (from the
-- campaign's report_from on); the months before it still count as the baseline of cumulative figures.
with

submitters as (
    select * from stg_reference__submitters
),

campaigns as (
    select * from stg_reference__campaigns
),

files as (
    select * from stg_submissions__files
),

campaign_months as (
    select
        campaigns.campaign_code as campaign,
        cast(month_start as date) as period,
        cast(month_start as date) >= campaigns.report_from as is_owed
    from campaigns,
        unnest(generate_series(
            cast(campaigns.first_month as timestamp),
            cast(getvariable('period') as timestamp),
            interval 1 month
        )) as months(month_start)
    where campaigns.campaign_code = getvariable('campaign')
),

accepted_by_as_of as (
    select
        sha256,
        path,
        submitter_code,
        period,
        received_at
    from files
    where campaign = getvariable('campaign')
        and is_accepted
        and received_at <= getvariable('as_of')
),

candidates as (
    select
        submitters.submitter_code,
        campaign_months.campaign,
        campaign_months.period,
        campaign_months.is_owed,
        accepted_by_as_of.sha256,
        accepted_by_as_of.period as table_period,
        accepted_by_as_of.received_at,
        row_number() over (
            partition by submitters.submitter_code, campaign_months.period
            order by accepted_by_as_of.period desc, accepted_by_as_of.received_at desc, accepted_by_as_of.path desc
        ) as pick
    from submitters
    cross join campaign_months
    left join accepted_by_as_of
        on accepted_by_as_of.submitter_code = submitters.submitter_code
        and accepted_by_as_of.period <= campaign_months.period
        and accepted_by_as_of.period >= (select min(period) from campaign_months)
),

first_received as (
    select
        submitter_code,
        period,
        min(received_at) as first_received_at
    from accepted_by_as_of
    group by submitter_code, period
),

final as (
    select
        candidates.campaign,
        candidates.period,
        candidates.is_owed,
        candidates.submitter_code,
        candidates.sha256,
        candidates.table_period,
        candidates.received_at,
        first_received.first_received_at,
        coalesce(candidates.table_period = candidates.period, false) as has_table_for_month,
        coalesce(candidates.table_period < candidates.period, false) as is_carried_forward
    from candidates
    left join first_received
        on first_received.submitter_code = candidates.submitter_code
        and first_received.period = candidates.period
    where candidates.pick = 1
)

select * from final
