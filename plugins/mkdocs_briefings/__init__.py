"""mkdocs-briefings: curated, credited news briefings from YAML, built with MkDocs + Material."""

from __future__ import annotations

from .errors import BriefingError, Problem
from .loader import read_briefing
from .model import Briefing, Image, Paragraph, Quote, Source
from .render import render_markdown

__all__ = [
    "Briefing",
    "BriefingError",
    "Image",
    "Paragraph",
    "Problem",
    "Quote",
    "Source",
    "read_briefing",
    "render_markdown",
]
