-- duplicates: One row per input copy of a cable that lost to the copy in `cables`.
-- Columns and their meanings are declared in transforms/tables/duplicates.py.
with source as (
    select * from read_parquet({parquet}, union_by_name = true, hive_partitioning = false)
),

renamed as (
    select
        cable_id,
        source_file,
        source_member,
        source_format,
        source_sha256,
        winner_source_file,
        winner_source_member
    from source
)

select * from renamed
