-- The numbered violations split out of each inspection's 违法行为 cell, for loaded inspection record files only.
with

source as (
    select * from raw_inspection_violation
),

files as (
    select * from stg_submissions__files
    where list_kind = 'inspection_record' and status = 'loaded'
),

renamed as (
    select
        -- ids
        source.sha256,
        source.row_number,
        source.item_no,
        -- text
        source.violation
    from source
    inner join files on files.sha256 = source.sha256
)

select * from renamed
