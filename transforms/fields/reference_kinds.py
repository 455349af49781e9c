"""What a reference that names no cable is: an email, a telcon, a memcon, a report ...

The kind is read from the reference's own words; the keywords are data, tried in order.
"""

from __future__ import annotations

# Keyword -> kind for references that name no cable; first hit in this order wins.
KIND_KEYWORDS: tuple[tuple[str, frozenset[str]], ...] = (
    ("email", frozenset({"EMAIL", "E-MAIL", "EMAILS", "E-MAILS", "MAIL"})),
    (
        "telcon",
        frozenset(
            {
                "TELCON",
                "TELCONS",
                "TELECON",
                "TELECONS",
                "PHONE",
                "TELEPHONE",
                "CALL",
                "VTC",
                "TELECONFERENCE",
            }
        ),
    ),
    ("memcon", frozenset({"MEMCON", "MEMCONS", "MEMORANDUM", "MEMO", "MEMOS"})),
    (
        "report",
        frozenset(
            {
                "REPORT",
                "REPORTS",
                "IIR",
                "DAO",
                "USDAO",
                "OSC",
                "FBIS",
                "INTSUM",
                "SITREP",
                "STUDY",
                "ASSESSMENT",
                "INCSR",
            }
        ),
    ),
    ("meeting", frozenset({"MEETING", "MEETINGS", "MTG", "DISCUSSION", "CONVERSATION"})),
    ("letter", frozenset({"LETTER", "LETTERS", "LTR", "NOTE", "DIPNOTE", "FAX"})),
)

# Every value of ``Reference.kind``: "cable" when it names a cable, else a keyword kind above,
# else "other".
REFERENCE_KINDS: tuple[str, ...] = ("cable", *(kind for kind, _words in KIND_KEYWORDS), "other")


def reference_kind(words: set[str]) -> str:
    """Kind of a reference from its upper-cased words: the first keyword kind hit, else other.

    ``{"EMAIL", "FROM", "POLOFF"}`` -> ``email``; ``{"IIR", "6", "866"}`` -> ``report``.
    """
    for kind, keywords in KIND_KEYWORDS:
        if words & keywords:
            return kind
    return "other"
