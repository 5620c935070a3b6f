"""roi: the intangible return of a public administration's citizen-service channels."""

from roi.config import Config, load_config
from roi.errors import RoiError
from roi.schema import validate

__version__ = "0.1.0"
__all__ = ["Config", "RoiError", "__version__", "load_config", "validate"]
