"""govnlp: structured data from Chinese government documents.

>>> import govnlp
>>> govnlp.__version__ != ""
True
"""

from __future__ import annotations

from .corpus import DocumentResult, process_corpus, to_dataframe
from .document import Document, analyze
from .errors import DataFileError, GovnlpError, InputError, LexiconError, QuantityParseError
from .indicators import Indicator, extract_indicators
from .lexicon import Lexicon, TermMatch
from .normalize import NormalizeConfig, Normalized, normalize
from .quantities import Change, Quantity, extract_quantities, parse_quantity
from .sections import Diagnostic, Heading, Outline, Section, segment
from .spans import Alignment

__version__ = "0.1.0"

__all__ = [
    "Alignment",
    "Change",
    "DataFileError",
    "Diagnostic",
    "Document",
    "DocumentResult",
    "GovnlpError",
    "Heading",
    "Indicator",
    "InputError",
    "Lexicon",
    "LexiconError",
    "NormalizeConfig",
    "Normalized",
    "Outline",
    "Quantity",
    "QuantityParseError",
    "Section",
    "TermMatch",
    "__version__",
    "analyze",
    "extract_indicators",
    "extract_quantities",
    "normalize",
    "parse_quantity",
    "process_corpus",
    "segment",
    "to_dataframe",
]
