-- The 催报 roster of one rollup: every expected submitter, whether its table for the period came in on time,
-- late or not at all by getvariable('as_of'), and whose figures were carried forward. The liaison to call comes
-- from the latest liaison list (联络员名单) naming the submitter, as a pair (name with its own mobile), else from
-- submitters.csv. Read from staging, not dim_liaison, because a rollup may run before any model build. A missing
-- submitter whose table for the month was rejected (已报被退回) carries that rejection's error rules, so the caller
-- knows why. The table used carries its explanations (上报说明) of advisory findings: shown as 已说明.
with

tables_as_of as (
    select * from int_submitter_tables_as_of
),

submitters as (
    select * from stg_reference__submitters
),

files as (
    select * from stg_submissions__files
),

issues as (
    select * from stg_submissions__issues
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

rejected_tables as (
    -- each submitter's latest rejected table for the month received by as_of
    select
        sha256,
        submitter_code,
        received_at
    from files
    where campaign = getvariable('campaign')
        and period = getvariable('period')
        and status = 'rejected'
        and received_at <= getvariable('as_of')
    qualify row_number() over (partition by submitter_code order by received_at desc, path desc) = 1
),

rejections as (
    select
        rejected_tables.submitter_code,
        rejected_tables.received_at as rejected_at,
        string_agg(distinct issues.rule, ',' order by issues.rule) as rejected_rules
    from rejected_tables
    left join issues on issues.sha256 = rejected_tables.sha256 and issues.is_error
    group by rejected_tables.submitter_code, rejected_tables.received_at
),

explanations as (
    -- 已说明: the explanations (上报说明) of the advisory findings of each file, latest first per rule
    select
        sha256,
        string_agg(rule || '：' || text, '；' order by rule, explained_at desc) as explanation
    from audit_explanation
    where rule <> '*'  -- a workbook 上报说明 of a file without advisory findings explains nothing shown
    group by sha256
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
        cast(getvariable('as_of') as timestamp) as as_of,
        case when statuses.status = 'missing' then rejections.rejected_rules end as rejected_rules,
        case when statuses.status = 'missing' then rejections.rejected_at end as rejected_at,
        explanations.explanation
    from statuses
    inner join submitters on submitters.submitter_code = statuses.submitter_code
    left join liaisons on liaisons.submitter_code = statuses.submitter_code
    left join rejections on rejections.submitter_code = statuses.submitter_code
    left join explanations on explanations.sha256 = statuses.sha256
)

select * from final
