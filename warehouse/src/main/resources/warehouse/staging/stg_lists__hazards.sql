-- Hazard ledger rows (隐患台账) of the current version of each ledger: rows of superseded, duplicate or rejected
-- files are left out. Casts with try_cast so one malformed cell cannot stop the build; it stays NULL.
with

source as (
    select * from raw_hazard_ledger
),

files as (
    select * from stg_submissions__files
    where list_kind = 'hazard_ledger' and status = 'loaded'
),

submitters as (
    select * from stg_reference__submitters
),

-- the lookups, once per distinct value of the raw table (macros in schema/V004__lists.sql)
name_keys as (
    select * from list_name_keys('raw_hazard_ledger')
),

uscc_checks as (
    select * from list_uscc_checks('raw_hazard_ledger')
),

township_regions as (
    select * from list_township_regions('raw_hazard_ledger')
),

industry_codes as (
    select * from list_industry_codes('raw_hazard_ledger')
),

renamed as (
    select
        -- ids
        source.sha256,
        source.row_number,
        files.submitter_code,
        township_regions.region_code as township_region_code,
        coalesce(township_regions.region_code, submitters.region_code) as region_code,
        industry_codes.industry_code,
        source.uscc,
        name_keys.name_key,
        -- text
        source.enterprise_name,
        source.township,
        source.industry as industry_text,
        source.description,
        source.level,
        source.source,
        source.status,
        source.measures,
        source.responsible,
        source.contingency_plan,
        source.remarks,
        -- numerics
        try_cast(source.funds_wan as decimal(18, 4)) as funds_wan,
        -- dates
        try_cast(source.found_on as date) as found_on,
        try_cast(source.deadline as date) as deadline,
        try_cast(source.rectified_on as date) as rectified_on,
        -- booleans
        coalesce(uscc_checks.is_uscc_valid, false) as is_uscc_valid,
        -- timestamps
        files.received_at
    from source
    inner join files on files.sha256 = source.sha256
    left join submitters on submitters.submitter_code = files.submitter_code
    left join name_keys on name_keys.enterprise_name = source.enterprise_name
    left join uscc_checks on uscc_checks.uscc = source.uscc
    left join township_regions on township_regions.township = source.township
    left join industry_codes on industry_codes.industry = source.industry
)

select * from renamed
