-- The region tree of the deployment, one row per region, each with its path from the deployment's own region (the
-- top) down to itself: the codes and names joined by '/', e.g. '5108/510822/510822101' and '广元市/青川县/木鱼镇'.
-- A BI tool filters everything under a region with path_codes like '5108/510822/%' (or the closure in
-- stg_reference__region_paths).
with

regions as (
    select * from stg_reference__regions
),

region_paths as (
    select * from stg_reference__region_paths
),

paths as (
    select
        region_paths.region_code,
        string_agg(ancestors.region_code, '/' order by region_paths.depth_below_ancestor desc) as path_codes,
        string_agg(ancestors.region_name, '/' order by region_paths.depth_below_ancestor desc) as path_names,
        max(region_paths.depth_below_ancestor) as depth
    from region_paths
    inner join regions as ancestors on ancestors.region_code = region_paths.ancestor_region_code
    group by region_paths.region_code
),

final as (
    select
        regions.region_code,
        regions.region_name as name,
        regions.region_level as level,
        regions.parent_region_code as parent_code,
        regions.region_level = 'county' as is_county,
        regions.parent_region_code is null as is_top,
        paths.depth,
        paths.path_codes,
        paths.path_names
    from regions
    inner join paths on paths.region_code = regions.region_code
)

select * from final
