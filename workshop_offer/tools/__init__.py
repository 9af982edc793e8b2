from . import media_metadata
