-- rejects: One row per input unit (file, archive member, CSV row) that yielded no cable.
-- Columns and their meanings are declared in transforms/tables/rejects.py.
with source as (
    select * from read_parquet({parquet}, union_by_name = true, hive_partitioning = false)
),

renamed as (
    select
        source_file,
        source_member,
        source_format,
        reason,
        message,
        excerpt,
        source_sha256
    from source
)

select * from renamed
