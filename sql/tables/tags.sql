-- tags: One row per TAGS code of a cable, in published order.
-- Columns and their meanings are declared in transforms/tables/tags.py.
with source as (
    select * from read_parquet({parquet}, union_by_name = true, hive_partitioning = false)
),

renamed as (
    select
        cable_id,
        "position",
        tag,
        kind
    from source
)

select * from renamed
