-- The liaison (联络员) to call for each submitter: from the latest received liaison list naming it. The 催报 roster
-- prefers this over submitters.csv.
with

liaisons as (
    select * from stg_lists__liaisons
    where is_latest_for_submitter
),

submitters as (
    select * from stg_reference__submitters
),

final as (
    select
        liaisons.submitter_code,
        submitters.submitter_name,
        liaisons.liaison_name,
        liaisons.gender,
        liaisons.unit_and_post,
        liaisons.mobile,
        liaisons.sha256,
        liaisons.row_number,
        liaisons.received_at
    from liaisons
    inner join submitters on submitters.submitter_code = liaisons.submitter_code
)

select * from final
