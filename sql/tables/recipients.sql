-- recipients: One row per addressee line of the routing header, in header order.
-- Columns and their meanings are declared in transforms/tables/recipients.py.
with source as (
    select * from read_parquet({parquet}, union_by_name = true, hive_partitioning = false)
),

renamed as (
    select
        cable_id,
        "position",
        kind,
        route,
        name,
        precedence,
        mcn,
        excluded
    from source
)

select * from renamed
