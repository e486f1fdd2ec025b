-- The region tree as a closure: every region paired with itself and with each region above it up to the deployment's
-- own region (the one without a parent). regions.csv is checked to be one tree without cycles before it is loaded,
-- so the recursion ends at the top.
with recursive

regions as (
    select * from stg_reference__regions
),

closure as (
    select
        region_code,
        region_code as ancestor_region_code,
        parent_region_code as next_region_code,
        0 as depth_below_ancestor
    from regions
    union all
    select
        closure.region_code,
        parents.region_code as ancestor_region_code,
        parents.parent_region_code as next_region_code,
        closure.depth_below_ancestor + 1 as depth_below_ancestor
    from closure
    inner join regions as parents on parents.region_code = closure.next_region_code
),

renamed as (
    select
        -- ids
        region_code,
        ancestor_region_code,
        -- numbers
        depth_below_ancestor
    from closure
)

select * from renamed
