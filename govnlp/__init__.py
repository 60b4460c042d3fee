"""govnlp: structured data from Chinese government documents.

>>> import govnlp
>>> govnlp.__version__ != ""
True
"""

from __future__ import annotations

from .errors import DataFileError, GovnlpError, InputError, LexiconError, QuantityParseError
from .normalize import NormalizeConfig, Normalized, normalize
from .quantities import Change, Quantity, extract_quantities, parse_quantity
from .spans import Alignment

__version__ = "0.1.0"

__all__ = [
    "Alignment",
    "Change",
    "DataFileError",
    "GovnlpError",
    "InputError",
    "LexiconError",
    "NormalizeConfig",
    "Normalized",
    "Quantity",
    "QuantityParseError",
    "__version__",
    "extract_quantities",
    "normalize",
    "parse_quantity",
]
