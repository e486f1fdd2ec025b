-- Which rollup regions each submitter counts in: its own region and every region above it, up to the deployment's
-- own region (the whole deployment). A department sits in the deployment's own region, so it counts there only; a
-- village under a township under the county counts in the village's, the township's and the county's rows.
with

submitters as (
    select * from stg_reference__submitters
),

region_paths as (
    select * from stg_reference__region_paths
),

final as (
    select
        submitters.submitter_code,
        region_paths.ancestor_region_code as scope_region_code
    from submitters
    inner join region_paths on region_paths.region_code = submitters.region_code
)

select * from final
