-- Liaison list rows (联络员名单) of loaded files, each tied to the submitter whose name or alias its 工作单位及职务
-- text contains (the longest such name wins: 鹤鸣县应急管理局 over 应急局), else to the file's submitter.
-- is_latest_for_submitter marks the liaison to call: first row, latest received list naming that submitter.
with

source as (
    select * from raw_liaison_list
),

files as (
    select * from stg_submissions__files
    where list_kind = 'liaison_list' and status = 'loaded'
),

submitter_names as (
    select * from stg_reference__submitter_names
),

unit_matches as (
    select
        source.sha256,
        source.row_number,
        arg_max(submitter_names.submitter_code, length(submitter_names.name_key)) as submitter_code
    from source
    inner join submitter_names on strpos(text_key(source.unit_and_post), submitter_names.name_key) > 0
    group by source.sha256, source.row_number
),

renamed as (
    select
        -- ids
        source.sha256,
        source.row_number,
        coalesce(unit_matches.submitter_code, files.submitter_code) as submitter_code,
        -- text
        source.name as liaison_name,
        source.gender,
        source.unit_and_post,
        source.mobile,
        source.remarks,
        -- timestamps
        files.received_at
    from source
    inner join files on files.sha256 = source.sha256
    left join unit_matches
        on unit_matches.sha256 = source.sha256
        and unit_matches.row_number = source.row_number
),

ranked as (
    select
        renamed.*,
        -- booleans
        submitter_code is not null and row_number() over (
            partition by submitter_code
            order by received_at desc, sha256 desc, row_number
        ) = 1 as is_latest_for_submitter
    from renamed
)

select * from ranked
