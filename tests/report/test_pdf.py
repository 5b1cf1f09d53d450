"""PDF via weasyprint: the first page, rendered to PNG, carries the verdict in Chinese."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from inspector.report import render_site_html, write_pdf

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftoppm") is None or shutil.which("pdftotext") is None,
    reason="poppler-utils (pdftoppm, pdftotext) not installed",
)


@needs_poppler
def test_pdf_first_page_shows_the_verdict(tmp_path, failing):
    pdf = write_pdf(render_site_html(failing), tmp_path / "report.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")], check=True)
    (png,) = tmp_path.glob("page*.png")
    assert png.stat().st_size > 20_000  # a blank page is a few kB
    first = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    # Text extraction only finds 不合格 when a CJK font was embedded (no tofu boxes).
    assert "不合格" in first and "V3" in first and "得分" in first


@needs_poppler
def test_pdf_of_a_not_inspected_site(tmp_path, unreachable):
    pdf = write_pdf(render_site_html(unreachable, lang="en"), tmp_path / "down.pdf")
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    assert "Not inspected" in text
