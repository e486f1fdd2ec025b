-- Every list row that names an enterprise (directory, inspection), and every enterprise a hazard ledger names, with
-- the enterprise's identity resolved once for all marts by the one rule (enterprise_key_of, schema/V014): the USCC
-- when it passes its check character; else the one valid USCC written elsewhere beside the same name key
-- (int_enterprise_name_usccs: a ledger row without a code still meets the directory row with one); else the name key.
-- A ledger's rows are taken together per enterprise, as dim_enterprise's observations take them (the last row
-- naming it, and the last of each stated attribute): a million-row ledger names thousands of enterprises, and no
-- mart needs its mentions row by row (fact_hazard applies the same rule to its own rows).
with

directory as (
    select * from stg_lists__directory
),

hazards as (
    select * from stg_lists__hazards
),

inspections as (
    select * from stg_lists__inspections
),

name_usccs as (
    select * from int_enterprise_name_usccs
),

-- not materialized, both: a shared CTE would hold the ledger's million rows once more before they are grouped
rows_named as not materialized (
    select
        'enterprise_directory' as list_kind, sha256, row_number, received_at, submitter_code, enterprise_name,
        uscc, is_uscc_valid, name_key, industry_code, township_region_code, list
    from directory
    union all
    select
        'hazard_ledger' as list_kind, sha256, row_number, received_at, submitter_code, enterprise_name,
        uscc, is_uscc_valid, name_key, industry_code, township_region_code, null as list
    from hazards
    union all
    select
        'inspection_record' as list_kind, sha256, row_number, received_at, submitter_code, enterprise_name,
        uscc, is_uscc_valid, name_key, null as industry_code, null as township_region_code, null as list
    from inspections
),

identified as not materialized (
    select
        rows_named.list_kind,
        rows_named.sha256,
        rows_named.row_number,
        enterprise_key_of(rows_named.is_uscc_valid, rows_named.uscc, rows_named.name_key, name_usccs.uscc)
            as enterprise_key,
        rows_named.received_at,
        rows_named.submitter_code,
        rows_named.enterprise_name,
        enterprise_uscc_of(rows_named.is_uscc_valid, rows_named.uscc, name_usccs.uscc) as uscc,
        rows_named.name_key,
        rows_named.industry_code,
        rows_named.township_region_code as region_code,
        rows_named.list
    from rows_named
    left join name_usccs on name_usccs.name_key = rows_named.name_key
),

ledger_enterprises as (
    -- one per (ledger, enterprise); a row naming no enterprise is no observation of one
    select
        'hazard_ledger' as list_kind,
        sha256,
        max(row_number) as row_number,
        enterprise_key,
        any_value(received_at) as received_at,
        any_value(submitter_code) as submitter_code,
        arg_max(enterprise_name, row_number) as enterprise_name,
        arg_max(uscc, row_number) filter (where uscc is not null) as uscc,
        arg_max(name_key, row_number) as name_key,
        arg_max(industry_code, row_number) filter (where industry_code is not null) as industry_code,
        arg_max(region_code, row_number) filter (where region_code is not null) as region_code,
        null as list
    from identified
    where list_kind = 'hazard_ledger' and enterprise_key is not null
    group by sha256, enterprise_key
),

final as (
    select * from identified
    where list_kind <> 'hazard_ledger'
    union all
    select * from ledger_enterprises
)

select * from final
