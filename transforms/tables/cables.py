"""`cables`: one row per cable, the winner when several inputs carry the same cable."""

from __future__ import annotations

import polars as pl

from transforms.schema import Day, Flag, Table, Text, TextList, UtcTime, col

CABLES = Table(
    name="cables",
    meaning="One row per cable: identity, dates, classification, routing, and the raw text.",
    key=("cable_id",),
    columns=(
        col("cable_id", Text, "Canonical reference id (year, station, number), e.g. 08ISLAMABAD421",
            nullable=False),
        col("reference_id", Text, "The id as published on the metadata line (may be malformed)"),
        col("year", pl.Int16(), "Year of `created` (partition and pruning key)"),
        col("subject", Text, "Subject line, multi-line joined, classification mark stripped"),
        col("subject_mark", Text, "Classification mark that led the subject, e.g. C/NF"),
        col("title", Text, "The title metadata line as published (first line of the subject)"),
        col("created", Day, "The day on the metadata line, never shifted by a time zone"),
        col("created_at", pl.Datetime("us"),
            "Creation minute where the layout gives it (cables.csv)"),
        col("released", Day, "Day the web release published the cable, when the layout says"),
        col("dtg", UtcTime, "Date-time group of the telegram, UTC (O 291336Z JAN 08)"),
        col("classification", Text, "Classification as published, e.g. SECRET//NOFORN"),
        col("classification_level", Text, "Level alone: UNCLASSIFIED ... TOP SECRET"),
        col("caveats", TextList, "Handling caveats: NOFORN, SIPDIS, EXDIS, NODIS, ..."),
        col("head_notes", TextList,
            "Lines of the head that are no field, as printed: office lines (DEPT FOR EUR/WE, "
            "PASS TO USTR), handling notes, archive stamps"),
        col("origin", Text, "Originating post as published, e.g. Embassy Islamabad"),
        col("origin_route", Text, "Routing indicator of the sending station (the DE line)"),
        col("transmission_id", Text, "The VZCZC transmission id"),
        col("precedence", Text, "Precedence of the action addressees: FLASH ... ROUTINE"),
        col("from_name", Text, "The FM line, e.g. AMEMBASSY ISLAMABAD"),
        col("declassify_on", Day, "Declassification date from the E.O. line (never a DNG date)"),
        col("declassify_rule", Text,
            "The E.O. line's DECL (or DNG) text as written (OADR, N/A, a date, CO 10/18/2029)"),
        col("downgrade_on", Day,
            "Downgrade date of the E.O. line (DNG: CO 10/18/2029: to CONFIDENTIAL that day)"),
        col("eo", Text, "Executive order number of the E.O. line, e.g. 12958"),
        col("classified_by", TextList, "People named on the Classified By line"),
        col("classification_reasons", TextList, "Reasons of the Classified By line, e.g. [b, d]"),
        col("classification_authority", Text, "Section cited for the reasons, e.g. 1.4"),
        col("signers", TextList, "Signature names at the end of the body"),
        col("summary", Text, "Text between Summary and End Summary"),
        col("comment", Text, "Text of the Comment block"),
        col("section_count", pl.Int16(), "Number of sections the cable was sent in"),
        col("paragraph_count", pl.Int32(), "Number of rows of this cable in `paragraphs`"),
        col("is_partial", Flag, "A partial extract of the original cable"),
        col("is_corrected", Flag, "A corrected copy"),
        col("has_redactions", Flag, "The published text carries XXXXXXXXXXXX redactions"),
        col("has_dump_rows", Flag, "The published body carries database rows of other cables"),
        col("header", Text, "Routing header as published"),
        col("body", Text, "Body as published"),
        col("source_file", Text, "File (or URL) the winning copy came from", nullable=False),
        col("source_member", Text, "Archive member or CSV row inside the source file"),
        col("source_format", Text, "Layout of the source: txt, html, csv, pdf-text, plusd",
            nullable=False),
        col("source_sha256", Text, "SHA-256 of the source unit's bytes", nullable=False),
        col("source_encoding", Text, "Text encoding the source was decoded with"),
    ),
)
