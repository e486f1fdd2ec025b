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

region_names as (
    select * from stg_reference__region_names
),

industry_names as (
    select * from stg_reference__industry_names
),

renamed as (
    select
        -- ids
        source.sha256,
        source.row_number,
        files.submitter_code,
        region_names.region_code as township_region_code,
        coalesce(region_names.region_code, submitters.region_code) as region_code,
        industry_names.industry_code,
        source.uscc,
        enterprise_name_key(source.enterprise_name) as name_key,
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
        uscc_is_valid(source.uscc) as is_uscc_valid,
        -- timestamps
        files.received_at
    from source
    inner join files on files.sha256 = source.sha256
    left join submitters on submitters.submitter_code = files.submitter_code
    left join region_names on region_names.name_key = text_key(source.township)
    left join industry_names on industry_names.name_key = text_key(source.industry)
)

select * from renamed
