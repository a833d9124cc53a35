"""Front Lines: places, dates and events from news about the war in Libya."""

from geo.extract import Extraction, InputError, PlaceMention, extract

__all__ = ["Extraction", "InputError", "PlaceMention", "extract"]
