-- The deliverables roster of one rollup: every due instance of the campaign's deliverables (deliverables.csv) due
-- in the rollup's month or before it, for each submitter that owes it, with its standing as of getvariable('as_of'):
-- on_time (first received by the end of its due day), late (after it, by as_of), missing (nothing by as_of, due day
-- over) or pending (nothing yet, due day not over). The liaison to call is the roster's: the latest liaison list
-- naming the submitter, else submitters.csv.
with

dues as (
    select * from stg_reference__deliverable_dues
    where campaign = getvariable('campaign')
        and due_on < cast(getvariable('period') as date) + interval 1 month
),

receipts as (
    select * from stg_submissions__deliverable_receipts
    where campaign = getvariable('campaign')
        and received_at <= getvariable('as_of')
),

submitters as (
    select * from stg_reference__submitters
),

liaisons as (
    select * from stg_lists__liaisons
    where is_latest_for_submitter
),

first_receipts as (
    select
        campaign,
        deliverable_code,
        instance,
        submitter_code,
        min(received_at) as received_at,
        arg_min(received_as, (received_at, path)) as received_as,
        arg_min(sha256, (received_at, path)) as sha256,
        arg_min(path, (received_at, path)) as path
    from receipts
    group by campaign, deliverable_code, instance, submitter_code
),

statuses as (
    select
        dues.*,
        first_receipts.received_at,
        first_receipts.received_as,
        first_receipts.sha256,
        first_receipts.path,
        case
            when first_receipts.received_at <= dues.due_on + interval '23:59:59' then 'on_time'
            when first_receipts.received_at is not null then 'late'
            when dues.due_on + interval '23:59:59' < getvariable('as_of') then 'missing'
            else 'pending'
        end as status
    from dues
    left join first_receipts
        on first_receipts.campaign = dues.campaign
        and first_receipts.deliverable_code = dues.deliverable_code
        and first_receipts.instance = dues.instance
        and first_receipts.submitter_code = dues.submitter_code
),

final as (
    select
        statuses.campaign,
        cast(getvariable('period') as date) as period,
        getvariable('kind') as kind,
        statuses.deliverable_code,
        statuses.deliverable_name,
        statuses.instance,
        statuses.due_on,
        statuses.due_on >= cast(getvariable('period') as date) as due_this_month,
        submitters.submitter_code,
        submitters.submitter_name,
        submitters.region_code,
        statuses.status,
        statuses.received_at,
        statuses.received_as,
        statuses.sha256,
        statuses.path,
        case when liaisons.submitter_code is null then submitters.liaison else liaisons.liaison_name end as liaison,
        case when liaisons.submitter_code is null then submitters.phone else liaisons.mobile end as phone,
        cast(getvariable('as_of') as timestamp) as as_of
    from statuses
    inner join submitters on submitters.submitter_code = statuses.submitter_code
    left join liaisons on liaisons.submitter_code = statuses.submitter_code
)

select * from final
