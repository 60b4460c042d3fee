"""govnlp: structured data from Chinese government documents.

The front doors, each taking the document's text as it is and returning results whose
``start``/``end`` point into that text:

- :func:`normalize` — clean text with a map back to the source;
- :func:`extract_quantities` / :func:`parse_quantity` — amounts with exact values and units;
- :func:`segment` — the numbered outline;
- :meth:`Lexicon.find` — policy terms of the curated lexicon;
- :func:`extract_indicators` — the indicator table (metric, period, status, scope);
- :func:`elements` — the 公文 elements: number, issuer, title, kind, addressees, date, …;
- :func:`analyze` — outline, quantities and terms over one normalization;
- :func:`process_corpus` — the same over thousands of files, in parallel;
- :mod:`gazetteer` — every division of China by name, short or former name, with its code;
- :func:`panel` — targets vs outcomes per region and year across reports (:mod:`govnlp.targets`).

>>> import govnlp
>>> [q.text for q in govnlp.extract_quantities("新增高新技术企业172家，增长20.54%")]
['172家', '20.54%']
"""

from __future__ import annotations

from . import gazetteer
from .corpus import DocumentResult, process_corpus, to_dataframe
from .document import Document, analyze
from .elements import DocNumber, DocumentElements, DocumentSummary, Element, elements
from .errors import DataFileError, GovnlpError, InputError, LexiconError, QuantityParseError
from .gazetteer import Division
from .indicators import Indicator, extract_indicators
from .lexicon import Lexicon, TermMatch
from .normalize import NormalizeConfig, Normalized, normalize
from .quantities import Change, Quantity, extract_quantities, parse_quantity
from .sections import Diagnostic, Heading, Outline, Section, document_starts, segment
from .spans import Alignment
from .targets import PanelRow, panel

__version__ = "0.1.0"

__all__ = [
    "Alignment",
    "Change",
    "DataFileError",
    "Diagnostic",
    "Division",
    "DocNumber",
    "Document",
    "DocumentElements",
    "DocumentResult",
    "DocumentSummary",
    "Element",
    "GovnlpError",
    "Heading",
    "Indicator",
    "InputError",
    "Lexicon",
    "LexiconError",
    "NormalizeConfig",
    "Normalized",
    "Outline",
    "PanelRow",
    "Quantity",
    "QuantityParseError",
    "Section",
    "TermMatch",
    "__version__",
    "analyze",
    "document_starts",
    "elements",
    "extract_indicators",
    "extract_quantities",
    "gazetteer",
    "normalize",
    "panel",
    "parse_quantity",
    "process_corpus",
    "segment",
    "to_dataframe",
]
