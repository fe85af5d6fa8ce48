"""Import and export schema.org ClaimReview, the JSON-LD that fact-checking organisations publish.

- ``ratings``: a review's rating (a written label or a number on a scale) as a verdict, and back;
- ``reading``: a file's text into ClaimReview documents, and one review into a :class:`Review`;
- ``importing``: reviews merged into a knowledge base (:class:`Importer`, :class:`ImportReport`);
- ``export``: a knowledge base as ClaimReview objects, written whole or not at all.

The public API is re-exported here (``from factcheck import claimreview as cr; cr.parse_text``).
The rating table and the 1-5 scale are documented in the README ("ClaimReview").
"""

from .export import dumps, export, rating, to_claimreview, write_json_atomic
from .importing import (
    DEFAULT_RELIABILITY,
    SAME_CLAIM_RATIO,
    SOURCE_KIND,
    Conflict,
    Importer,
    ImportReport,
    Skip,
    check_valid,
    import_documents,
    normalise_text,
    normalise_url,
    same_claim,
    slug,
)
from .ratings import (
    SCALE,
    SCALE_BEST,
    SCALE_WORST,
    normalise_label,
    rate,
    verdict_for_label,
    verdict_for_value,
    written_label,
)
from .reading import Review, iter_claimreviews, parse_review, parse_text, read_text

__all__ = [
    "DEFAULT_RELIABILITY", "SAME_CLAIM_RATIO", "SCALE", "SCALE_BEST", "SCALE_WORST", "SOURCE_KIND",
    "Conflict", "ImportReport", "Importer", "Review", "Skip", "check_valid", "dumps", "export",
    "import_documents", "iter_claimreviews", "normalise_label", "normalise_text", "normalise_url",
    "parse_review", "parse_text", "rate", "rating", "read_text", "same_claim", "slug",
    "to_claimreview", "verdict_for_label", "verdict_for_value", "write_json_atomic", "written_label",
]
