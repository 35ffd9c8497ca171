"""Where in a template a Jinja error happened, for messages a template author can act on.

Syntax errors carry their line; errors raised while rendering (an undefined variable) do
not, but Jinja rewrites the traceback so the template's own frame holds the line.
"""

from __future__ import annotations

import traceback
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import jinja2


def error_line(error: jinja2.TemplateError, filename: str | None = None) -> int | None:
    line = getattr(error, "lineno", None)
    if line:
        return line
    frames = [f for f in traceback.extract_tb(error.__traceback__)
              if f.filename == (filename or "<template>") or (filename and f.filename.endswith(filename))]
    return frames[-1].lineno if frames else None
