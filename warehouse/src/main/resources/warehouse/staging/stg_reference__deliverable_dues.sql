-- What is owed besides the monthly tables (deliverables.csv): one row per due instance of a deliverable and
-- submitter that owes it (who, resolved by the reference loader).
with

deliverables as (
    select * from ref_deliverable
),

dues as (
    select * from ref_deliverable_due
),

owing as (
    select
        deliverables.*,
        unnest(deliverables.submitter_codes) as submitter_code
    from deliverables
),

renamed as (
    select
        -- ids
        owing.campaign,
        owing.code as deliverable_code,
        dues.instance,
        owing.submitter_code,
        -- text
        owing.name as deliverable_name,
        owing.kind as deliverable_kind,
        owing.name_keywords,
        owing.satisfied_by,
        -- dates
        dues.covers_from,
        dues.covers_to,
        dues.nominal_due,
        dues.due_on
    from owing
    inner join dues
        on dues.campaign = owing.campaign
        and dues.deliverable_code = owing.code
)

select * from renamed
