"""PDF from the site report's HTML via weasyprint (CJK through the Noto CJK font stack in the CSS)."""

from __future__ import annotations

from pathlib import Path


class PdfUnavailable(RuntimeError):
    """weasyprint (or its system libraries) is missing: say so instead of a traceback."""


def write_pdf(html: str, path: Path) -> Path:
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # OSError: pango/cairo libraries missing
        raise PdfUnavailable(f"PDF output needs weasyprint and its libraries: {exc}") from None
    path = Path(path)
    # No base_url: the report is self-contained, so nothing is fetched while rendering it.
    HTML(string=html, base_url=None).write_pdf(str(path), presentational_hints=True)
    return path
