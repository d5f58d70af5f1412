"""What every publishing output shares: the site's addresses and settings, and edition dates.

``dateModified`` of an edition must be the same in two builds of the same sources, so
it is never the build time: it is the newest of the last git commit that touched the
essay's seed folder (none outside a git checkout), the newest entry of its corrections
log, and the essay's own publication date.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin

from ..errors import EditorError
from ..model import Essay

SOCIAL_IMAGE_TYPES = (".png", ".jpg", ".jpeg", ".gif", ".webp")


@dataclass(frozen=True)
class Publisher:
    """The site as publisher: its name, description, absolute address, language, share image."""

    name: str
    description: str
    url: str  # absolute, ends with "/"
    language: str = "en"
    social_image: str | None = None  # path under docs/, e.g. "assets/card.png"

    def absolute(self, url: str) -> str:
        """A site-relative address (MkDocs' ``File.url``) made absolute against ``site_url``."""
        return urljoin(self.url, url)


def load_publisher(name: str, description: str | None, site_url: str | None, language: str | None,
                   social_image: object, docs_dir: Path) -> Publisher:
    """The publishing settings, checked; ``social_image`` is ``extra.explainer.social_image``."""
    url = (site_url or "http://127.0.0.1:8000/").rstrip("/") + "/"
    image: str | None = None
    if social_image is not None:
        if not isinstance(social_image, str) or "://" in social_image or social_image.startswith("/") \
                or ".." in PurePosixPath(social_image).parts:
            raise EditorError("mkdocs.yml", None, f"'extra.explainer.social_image: {social_image}' is not a file of the site.",
                              "Give a path under docs/, e.g. 'social_image: assets/card.png' (no address of another site).")
        if not social_image.lower().endswith(SOCIAL_IMAGE_TYPES):
            raise EditorError("mkdocs.yml", None, f"'extra.explainer.social_image: {social_image}' is not an image share cards show.",
                              f"Use a {', '.join(SOCIAL_IMAGE_TYPES)} file, about 1200 x 630 pixels.")
        if not (docs_dir / social_image).is_file():
            raise EditorError("mkdocs.yml", None, f"'extra.explainer.social_image: {social_image}' does not exist under docs/.",
                              f"Put the image at docs/{social_image}, or remove the setting.")
        image = social_image
    return Publisher(name=name, description=description or "", url=url, language=language or "en", social_image=image)


def modified_dates(seeds_dir: Path, essays: list[Essay]) -> dict[str, dt.date]:
    """Each essay's edition date: the newest of its seed folder's last commit, its corrections and its own date.

    One ``git log`` for all seeds, whatever their number; no git (or no repository) is fine.
    """
    committed: dict[str, dt.date] = {}
    try:
        out = subprocess.run(["git", "log", "--format=%x00%cs", "--name-only", "--", "."], cwd=seeds_dir,
                             capture_output=True, text=True, timeout=30, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        out = ""
    prefix = _repo_prefix(seeds_dir)
    date: dt.date | None = None
    for line in out.splitlines():
        if line.startswith("\x00"):
            try:
                date = dt.date.fromisoformat(line[1:])
            except ValueError:
                date = None
        elif line and date and prefix is not None and line.startswith(prefix):
            slug = line[len(prefix):].split("/", 1)[0]
            committed.setdefault(slug, date)  # newest first: the first date seen is the last commit
    return {essay.slug: max([committed.get(essay.slug, essay.date), essay.date, *(c.date for c in essay.corrections)])
            for essay in essays}


def _repo_prefix(seeds_dir: Path) -> str | None:
    """The seeds folder's path inside its git repository, as ``git log --name-only`` prints it."""
    try:
        out = subprocess.run(["git", "rev-parse", "--show-prefix"], cwd=seeds_dir, capture_output=True, text=True,
                             timeout=30, check=True).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return out


def robots_txt(publisher: Publisher) -> str:
    """Allow everything and name the sitemap (MkDocs writes ``sitemap.xml``) by its absolute address."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {publisher.absolute('sitemap.xml')}\n"
