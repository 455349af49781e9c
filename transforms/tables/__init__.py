"""The warehouse tables, one module each; ``TABLES`` in load order (parents first)."""

from transforms.tables.cables import CABLES
from transforms.tables.duplicates import DUPLICATES
from transforms.tables.ledger import LEDGER
from transforms.tables.load_runs import LOAD_RUNS
from transforms.tables.paragraphs import PARAGRAPHS
from transforms.tables.recipients import RECIPIENTS
from transforms.tables.references import REFERENCES
from transforms.tables.rejects import REJECTS
from transforms.tables.tags import TAGS

CABLE_TABLES = (CABLES, PARAGRAPHS, RECIPIENTS, TAGS, REFERENCES)
# Every table a publish writes (load_runs is appended apart, after the publish).
TABLES = (*CABLE_TABLES, REJECTS, DUPLICATES, LEDGER)
CHILD_TABLES = CABLE_TABLES[1:]

__all__ = ["CABLES", "CABLE_TABLES", "CHILD_TABLES", "DUPLICATES", "LEDGER", "LOAD_RUNS",
           "PARAGRAPHS", "RECIPIENTS", "REFERENCES", "REJECTS", "TABLES", "TAGS"]
