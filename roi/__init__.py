"""roi: the intangible return of a public administration's citizen-service channels.

>>> import roi
>>> loaded = roi.load(["data/samples/x_api_v2.jsonl"], config="data/samples/roi.toml")  # doctest: +SKIP
>>> roi.speed.summarize(loaded.messages, config="data/samples/roi.toml")  # doctest: +SKIP
>>> roi.indicators(loaded.messages, config="data/samples/roi.toml").table  # doctest: +SKIP
"""

from roi import calendar, empathy, exports, index, io, merge, satisfaction, sentiment, speed, text, threads, topics, transparency
from roi.config import Config, load_config
from roi.errors import RoiError
from roi.indicators import indicators
from roi.load import Loaded, load
from roi.schema import validate

__version__ = "0.1.0"
__all__ = [
    "Config",
    "Loaded",
    "RoiError",
    "__version__",
    "calendar",
    "empathy",
    "exports",
    "index",
    "indicators",
    "io",
    "load",
    "load_config",
    "merge",
    "satisfaction",
    "sentiment",
    "speed",
    "text",
    "threads",
    "topics",
    "transparency",
    "validate",
]
