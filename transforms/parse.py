"""One raw cable in, its rows for every table out: the composer of the field parsers.

Each field has its own small parser in ``transforms/fields``; this module only decides which
text each parser sees and how metadata a layout lacks is taken from the telegram itself.
Pure: no I/O, never raises on any text (a cable that cannot be identified becomes a Reject).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from transforms.dates import full_year
from transforms.fields.classified_by import parse_classified_by
from transforms.fields.declassification import parse_declassification
from transforms.fields.ids import cable_id_from_parts
from transforms.fields.markings import (
    PARTIAL_HEAD_CHARS,
    Banner,
    classification_level,
    has_redactions,
    is_corrected,
    is_partial,
    parse_banner,
    parse_caveats,
)
from transforms.fields.own_ids import de_serial, own_cable_id
from transforms.fields.own_text import own_text_of
from transforms.fields.paragraphs import Body, parse_body
from transforms.fields.recipients import recipients_of_lines
from transforms.fields.references import parse_references
from transforms.fields.routing import Routing, addressee_lines, parse_routing, split_addressed
from transforms.fields.signers import parse_signers
from transforms.fields.subject import parse_subject
from transforms.fields.summary import parse_comment, parse_summary
from transforms.fields.tags import parse_tags
from transforms.raw import RawCable, Reject

# The FM line names a post the way the routing system did; the metadata line says it in words.
_POST_PREFIXES = {
    "AMEMBASSY": "Embassy",
    "AMCONSUL": "Consulate",
    "USMISSION": "Mission",
    "USDEL": "US Delegation",
    "USOFFICE": "US Office",
    "AMINTERESTS SECTION": "US Interests Section",
}


@dataclass(slots=True)
class ParsedCable:
    """The rows one cable contributes, keyed by table (child rows without cable_id/position)."""

    cable: dict
    paragraphs: list[dict] = field(default_factory=list)
    recipients: list[dict] = field(default_factory=list)
    tags: list[dict] = field(default_factory=list)
    references: list[dict] = field(default_factory=list)


def origin_from_fm(from_name: str | None) -> str | None:
    """`AMEMBASSY NEW DELHI` → `Embassy New Delhi`; `SECSTATE WASHDC` → `Secretary of State`."""
    if not from_name:
        return None
    if from_name.startswith("SECSTATE"):
        return "Secretary of State"
    for prefix, word in _POST_PREFIXES.items():
        if from_name.startswith(prefix + " "):
            return f"{word} {from_name[len(prefix) + 1:].title()}"
    return from_name.title()


def _own_id(
    raw: RawCable, header: str, routing: Routing, banner: Banner, year: int | None
) -> str | None:
    """The published id (repaired when garbled, see ``own_cable_id``), else the banner's."""
    number = int(banner.number) if banner.number and banner.number.isdigit() else None
    if raw.reference_id:
        posts = (routing.from_name, banner.station)
        serials = (de_serial(header), number)
        cable_id = own_cable_id(raw.reference_id, raw.created, posts, serials)
        if cable_id:
            return cable_id
    if banner.station and banner.number and year:
        return cable_id_from_parts(year, banner.station, banner.number)
    return None


def parse_cable(raw: RawCable) -> ParsedCable | Reject:
    """Parse every field of ``raw``; a Reject when the cable cannot even be identified."""
    if raw.header is None:
        header, body, addressees = split_addressed(raw.telegram)
    elif raw.source_format == "html":
        # The web release cut each telegram into two <pre> blocks where the text layout has
        # them glued; splitting the same text the same way gives the same rows from either.
        header, body, addressees = split_addressed(raw.header + raw.telegram)
    else:
        header, body = raw.header, raw.telegram
        addressees = addressee_lines(header)
    # Every field is read from the cable's own text: no dump row, preview or line-end debris.
    own = own_text_of(body, raw.reference_id)
    field_body = own.text

    routing = parse_routing(header, raw.created.year if raw.created else None)
    banner = parse_banner(field_body)
    dtg: datetime | None = routing.dtg
    created: date | None = raw.created or (dtg.date() if dtg else None)
    year = created.year if created else None
    cable_id = _own_id(raw, header, routing, banner, year)
    if cable_id is None:
        return Reject(
            source_file=raw.source_file,
            member=raw.member,
            source_format=raw.source_format,
            reason="no-cable-id",
            message=f"{raw.source_file}{f'[{raw.member}]' if raw.member else ''}: no reference "
            "id on the metadata line and none derivable from the telegram",
            excerpt=(raw.telegram or "")[:200],
            source_sha256=raw.source_sha256,
        )
    if year is None:
        year = full_year(int(cable_id[:2]))

    classification = raw.classification or banner.classification
    # A head field the full copy of a partial extract lost is read from its preview.
    # The subject is read before page breaks are taken out (see OwnText.paged), then from the
    # own text, the preview, the title and an e-mail wrapper's Subject line.
    subject = parse_subject(own.paged, None)
    if subject.text is None:
        subject = parse_subject(field_body, None)
    if subject.text is None:
        subject = parse_subject(own.preview, raw.title, header)
    declass = parse_declassification(field_body)
    if declass.eo is None and own.preview:
        declass = parse_declassification(own.preview)
    classified = parse_classified_by(field_body)
    if not classified.names and own.preview:
        classified = parse_classified_by(own.preview)
    parsed_body = parse_body(field_body) if field_body else Body([], [], [])
    paragraphs = parsed_body.paragraphs
    # is_partial reads the head only: no copy of the whole telegram.
    telegram_head = f"{header}\n{body[:PARTIAL_HEAD_CHARS]}" if header else body

    cable = {
        "cable_id": cable_id,
        "reference_id": raw.reference_id,
        "year": year,
        "subject": subject.text,
        "subject_mark": subject.mark,
        "title": raw.title,
        "created": created,
        "created_at": raw.created_at,
        "released": raw.released,
        "dtg": dtg,
        "classification": classification,
        "classification_level": classification_level(classification),
        "caveats": parse_caveats(field_body, classification),
        "head_notes": parsed_body.head_notes,
        "origin": raw.origin or origin_from_fm(routing.from_name),
        "origin_route": routing.origin_route,
        "transmission_id": routing.transmission_id,
        "precedence": routing.precedence,
        "from_name": routing.from_name,
        "declassify_on": declass.declassify_on,
        "declassify_rule": declass.rule,
        "downgrade_on": declass.downgrade_on,
        "eo": declass.eo,
        "classified_by": classified.names,
        "classification_reasons": classified.reasons,
        "classification_authority": classified.authority,
        # The body parser found the signature already; a body that is all head has none there.
        "signers": parsed_body.signers or parse_signers(field_body),
        "summary": parse_summary(paragraphs),
        "comment": parse_comment(paragraphs),
        "section_count": banner.section_count or (1 if banner.classification else None),
        "paragraph_count": len(paragraphs),
        "is_partial": is_partial(telegram_head),
        "is_corrected": is_corrected(raw.title, field_body),
        "has_redactions": has_redactions(body),
        "has_dump_rows": own.has_dump_rows,
        "header": header,
        "body": body,
        "source_file": raw.source_file,
        "source_member": raw.member,
        "source_format": raw.source_format,
        "source_sha256": raw.source_sha256,
        "source_encoding": raw.encoding,
    }
    return ParsedCable(
        cable=cable,
        paragraphs=[
            {"number": p.number, "classification": p.classification, "heading": p.heading,
             "text": p.text}
            for p in paragraphs
        ],
        recipients=[
            {"kind": r.kind, "route": r.route, "name": r.name, "precedence": r.precedence,
             "mcn": r.mcn, "excluded": r.excluded}
            for r in recipients_of_lines(addressees)
        ],
        tags=[{"tag": t.tag, "kind": t.kind}
              for t in parse_tags(field_body) or parse_tags(own.preview)],
        references=[
            {"letter": r.letter, "text": r.text, "referenced_cable_id": r.referenced_cable_id,
             "kind": r.kind}
            for r in parse_references(field_body, year, cable_id, created)
            or parse_references(own.preview, year, cable_id, created)
        ],
    )
