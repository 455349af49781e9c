-- paragraphs: One row per paragraph of a cable's body, in body order.
-- Columns and their meanings are declared in transforms/tables/paragraphs.py.
with source as (
    select * from read_parquet({parquet}, union_by_name = true, hive_partitioning = false)
),

renamed as (
    select
        cable_id,
        "position",
        number,
        classification,
        heading,
        "text"
    from source
)

select * from renamed
