-- load_runs: One row per completed run: when, what it read, what it loaded.
-- Columns and their meanings are declared in transforms/tables/load_runs.py.
with source as (
    select * from read_parquet({parquet}, union_by_name = true, hive_partitioning = false)
),

renamed as (
    select
        run_id,
        started_at,
        finished_at,
        sources,
        files_seen,
        files_parsed,
        files_new,
        files_changed,
        files_reused,
        files_vanished,
        inputs,
        cables,
        duplicates,
        rejects,
        rejects_by_reason,
        table_rows,
        stage_seconds,
        warehouse
    from source
)

select * from renamed
