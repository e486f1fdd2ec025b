-- One row per violation split from an inspection's 违法行为 cell, carrying its inspection's keys so it rolls up
-- by period, region and industry on its own.
with

violations as (
    select * from stg_lists__violations
),

inspections as (
    select * from fact_inspection
),

final as (
    select
        inspections.period,
        inspections.region_code,
        inspections.industry_code,
        inspections.enterprise_key,
        inspections.submitter_code,
        inspections.inspected_on,
        violations.item_no,
        violations.violation,
        violations.sha256,
        violations.row_number
    from violations
    inner join inspections
        on inspections.sha256 = violations.sha256
        and inspections.row_number = violations.row_number
)

select * from final
