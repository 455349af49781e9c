-- references: One row per reference of a cable's REF block, in published order.
-- Columns and their meanings are declared in transforms/tables/references.py.
with source as (
    select * from read_parquet({parquet}, union_by_name = true, hive_partitioning = false)
),

renamed as (
    select
        cable_id,
        "position",
        letter,
        "text",
        referenced_cable_id,
        kind
    from source
)

select * from renamed
