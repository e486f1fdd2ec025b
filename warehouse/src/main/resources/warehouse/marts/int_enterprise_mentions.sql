-- Every list row that names an enterprise (directory, ledger, inspection), with the enterprise's identity resolved
-- once for all marts: the USCC when it passes its check character; else the one valid USCC written elsewhere beside
-- the same name key (a ledger row without a code still meets the directory row with one); else the name key.
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

mentions as (
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

usccs_by_name as (
    select
        name_key,
        min(uscc) as uscc
    from (select distinct name_key, uscc from mentions where is_uscc_valid and name_key <> '')
    group by name_key
    having count(*) = 1
),

final as (
    select
        mentions.list_kind,
        mentions.sha256,
        mentions.row_number,
        case
            when mentions.is_uscc_valid then mentions.uscc
            else coalesce(usccs_by_name.uscc, nullif(mentions.name_key, ''))
        end as enterprise_key,
        mentions.received_at,
        mentions.submitter_code,
        mentions.enterprise_name,
        case when mentions.is_uscc_valid then mentions.uscc else usccs_by_name.uscc end as uscc,
        mentions.name_key,
        mentions.industry_code,
        mentions.township_region_code as region_code,
        mentions.list
    from mentions
    left join usccs_by_name
        on usccs_by_name.name_key = mentions.name_key
        and not mentions.is_uscc_valid
)

select * from final
