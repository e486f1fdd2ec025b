-- Every way a submitter is written (name and aliases), for finding the unit in a liaison list's 工作单位及职务 text.
with

submitters as (
    select * from stg_reference__submitters
),

written as (
    select submitter_code, submitter_name as written_name from submitters
    union all
    select submitters.submitter_code, alias.written_name
    from submitters, unnest(submitters.submitter_aliases) as alias(written_name)
),

renamed as (
    select
        -- ids
        text_key(written_name) as name_key,
        min(submitter_code) as submitter_code
    from written
    where text_key(written_name) <> ''
    group by text_key(written_name)
)

select * from renamed
