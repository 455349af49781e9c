-- ledger: One row per source file: size, content hash, layout and outcome.
-- Columns and their meanings are declared in transforms/tables/ledger.py.
with source as (
    select * from read_parquet({parquet}, union_by_name = true, hive_partitioning = false)
),

renamed as (
    select
        source_file,
        size,
        mtime_ns,
        sha256,
        layout,
        units,
        cables,
        duplicates,
        rejects,
        outcome,
        part,
        parser
    from source
)

select * from renamed
