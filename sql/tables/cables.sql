-- cables: One row per cable: identity, dates, classification, routing, and the raw text.
-- Columns and their meanings are declared in transforms/tables/cables.py.
with source as (
    select * from read_parquet({parquet}, union_by_name = true, hive_partitioning = false)
),

renamed as (
    select
        cable_id,
        reference_id,
        "year",
        subject,
        subject_mark,
        title,
        created,
        created_at,
        released,
        dtg,
        classification,
        classification_level,
        caveats,
        head_notes,
        origin,
        origin_route,
        transmission_id,
        precedence,
        from_name,
        declassify_on,
        declassify_rule,
        downgrade_on,
        eo,
        classified_by,
        classification_reasons,
        classification_authority,
        signers,
        summary,
        comment,
        section_count,
        paragraph_count,
        is_partial,
        is_corrected,
        has_redactions,
        has_dump_rows,
        header,
        body,
        source_file,
        source_member,
        source_format,
        source_sha256,
        source_encoding
    from source
)

select * from renamed
