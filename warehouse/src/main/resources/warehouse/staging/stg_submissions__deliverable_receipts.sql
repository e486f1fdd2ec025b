-- Everything received that satisfies a deliverable (deliverables.csv), one row per (file, deliverable instance,
-- submitter): documents recorded for a deliverable at intake (land_deliverable_document, the instance decided there),
-- and accepted record-level lists of a kind the deliverable's satisfied_by names. A list counts for the submitter
-- that sent it and, for a liaison list, for every submitter its rows name; it counts for a once deliverable when
-- received on or after the campaign's first day, for a quarterly one for the quarter whose due day is nearest.
with

files as (
    select * from stg_submissions__files
),

dues as (
    select * from stg_reference__deliverable_dues
),

documents as (
    select
        documents.sha256,
        documents.path,
        documents.submitter_code,
        documents.campaign,
        documents.deliverable_code,
        documents.instance,
        'document' as received_as,
        documents.received_at
    from land_deliverable_document as documents
    inner join files
        on files.sha256 = documents.sha256
        and files.path = documents.path
    where files.is_accepted
),

list_senders as (
    select sha256, path, submitter_code, list_kind, received_at
    from files
    where list_kind is not null
        and is_accepted
        and submitter_code is not null
    union
    select files.sha256, files.path, liaisons.submitter_code, files.list_kind, files.received_at
    from stg_lists__liaisons as liaisons
    inner join files on files.sha256 = liaisons.sha256 and files.is_current
    where liaisons.submitter_code is not null
),

list_candidates as (
    select
        list_senders.sha256,
        list_senders.path,
        list_senders.submitter_code,
        dues.campaign,
        dues.deliverable_code,
        dues.instance,
        dues.deliverable_kind,
        list_senders.list_kind as received_as,
        list_senders.received_at,
        abs(date_diff('day', cast(list_senders.received_at as date), dues.due_on)) as days_from_due
    from list_senders
    inner join dues
        on dues.submitter_code = list_senders.submitter_code
        and list_contains(dues.satisfied_by, list_senders.list_kind)
    where cast(list_senders.received_at as date) >= dues.covers_from
        or dues.deliverable_kind = 'quarterly'
),

lists as (
    select sha256, path, submitter_code, campaign, deliverable_code, instance, received_as, received_at
    from list_candidates
    qualify row_number() over (
        partition by sha256, path, submitter_code, campaign, deliverable_code
        order by days_from_due, instance
    ) = 1
),

final as (
    select
        -- ids
        sha256,
        path,
        submitter_code,
        campaign,
        deliverable_code,
        instance,
        -- text
        received_as,
        -- timestamps
        received_at
    from documents
    union all
    select
        sha256,
        path,
        submitter_code,
        campaign,
        deliverable_code,
        instance,
        received_as,
        received_at
    from lists
)

select * from final
