-- The 催报 roster of one rollup: every expected submitter, whether its table for the period came in on time,
-- late or not at all by getvariable('as_of'), and whose figures were carried forward. The liaison to call comes
-- from the latest liaison list (联络员名单) naming the submitter, as a pair (name with its own mobile), else from
-- submitters.csv. Read from staging, not dim_liaison, because a rollup may run before any model build.
with

tables_as_of as (
    select * from int_submitter_tables_as_of
),

submitters as (
    select * from stg_reference__submitters
),

liaisons as (
    select * from stg_lists__liaisons
    where is_latest_for_submitter
),

picked as (
    -- before the campaign's report_from no table is owed: nobody is expected, late or carried forward
    select * from tables_as_of
    where period = getvariable('period')
        and is_owed
),

statuses as (
    select
        picked.*,
        case
            when picked.first_received_at <= cast(getvariable('deadline') as date) + interval '23:59:59' then 'on_time'
            when picked.has_table_for_month then 'late'
            else 'missing'
        end as status
    from picked
),

final as (
    select
        statuses.campaign,
        statuses.period,
        getvariable('kind') as kind,
        submitters.submitter_code,
        submitters.submitter_name,
        submitters.region_code,
        statuses.status,
        statuses.is_carried_forward as carried_forward,
        case when statuses.is_carried_forward then statuses.table_period end as carried_from_period,
        statuses.sha256,
        statuses.received_at,
        cast(getvariable('deadline') as date) as deadline,
        case when liaisons.submitter_code is null then submitters.liaison else liaisons.liaison_name end as liaison,
        case when liaisons.submitter_code is null then submitters.phone else liaisons.mobile end as phone,
        cast(getvariable('as_of') as timestamp) as as_of
    from statuses
    inner join submitters on submitters.submitter_code = statuses.submitter_code
    left join liaisons on liaisons.submitter_code = statuses.submitter_code
)

select * from final
