-- One row per inspection (执法检查) of the current inspection records. The form names no township or industry:
-- both come from the enterprise's current version in dim_enterprise; region else the submitter's, else the deployment's own
-- region.
-- enterprise_key is NULL for an enterprise in no directory or ledger (audit_reconciliation lists those).
with

inspections as (
    select * from stg_lists__inspections
),

violations as (
    select * from stg_lists__violations
),

mentions as (
    select * from int_enterprise_mentions
    where list_kind = 'inspection_record'
),

enterprises as (
    select * from dim_enterprise
    where is_current
),

top_region as (
    -- the deployment's own region, of whatever level
    select region_code from stg_reference__regions
    where parent_region_code is null
),

violation_counts as (
    select
        sha256,
        row_number,
        count(*) as violation_count
    from violations
    group by sha256, row_number
),

final as (
    select
        cast(date_trunc('month', inspections.inspected_on) as date) as period,
        coalesce(enterprises.region_code, inspections.region_code, (select region_code from top_region)) as region_code,
        enterprises.industry_code,
        enterprises.enterprise_key,
        inspections.submitter_code,
        inspections.enterprise_name,
        mentions.uscc,
        inspections.inspected_on,
        inspections.inspector_names,
        inspections.case_number,
        inspections.fines_wan,
        coalesce(violation_counts.violation_count, 0) as violation_count,
        inspections.rectification,
        inspections.legal_basis,
        inspections.other_measures,
        inspections.sha256,
        inspections.row_number
    from inspections
    inner join mentions
        on mentions.sha256 = inspections.sha256
        and mentions.row_number = inspections.row_number
    left join enterprises on enterprises.enterprise_key = mentions.enterprise_key
    left join violation_counts
        on violation_counts.sha256 = inspections.sha256
        and violation_counts.row_number = inspections.row_number
)

select * from final
