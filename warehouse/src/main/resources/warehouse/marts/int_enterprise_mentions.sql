-- Every list row that names an enterprise (directory, ledger, inspection), with the enterprise's identity resolved
-- once for all marts by the one rule (enterprise_key_of, schema/V014): the USCC when it passes its check character;
-- else the one valid USCC written elsewhere beside the same name key (int_enterprise_name_usccs: a ledger row without
-- a code still meets the directory row with one); else the name key.
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

name_usccs as (
    select * from int_enterprise_name_usccs
),

final as (
    select
        mentions.list_kind,
        mentions.sha256,
        mentions.row_number,
        enterprise_key_of(mentions.is_uscc_valid, mentions.uscc, mentions.name_key, name_usccs.uscc)
            as enterprise_key,
        mentions.received_at,
        mentions.submitter_code,
        mentions.enterprise_name,
        enterprise_uscc_of(mentions.is_uscc_valid, mentions.uscc, name_usccs.uscc) as uscc,
        mentions.name_key,
        mentions.industry_code,
        mentions.township_region_code as region_code,
        mentions.list
    from mentions
    left join name_usccs on name_usccs.name_key = mentions.name_key
)

select * from final
