"""Model files: one file each, written atomically, checked before unpickling.

``files`` writes and reads the file format; ``guard`` lists every import a
pickle would perform and refuses anything outside the allow-list before a
byte is unpickled.
"""

from stancekit.persist.files import (
    format_metadata,
    load_model,
    read_metadata,
    save_model,
)

__all__ = ["format_metadata", "load_model", "read_metadata", "save_model"]
