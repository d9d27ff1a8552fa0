"""The Markdown that stands for a converted piece of template code: images, code blocks, links.

Each function takes the construct's arguments as the original wrote them and returns Markdown
that shows the same thing, escaped so that it reads as it did.
"""

from __future__ import annotations

import re

_SITE_ADDRESS = re.compile(r"\{\{-?\s*site\.(?:baseurl|url|github\.url)\s*-?\}\}")
_LANG = re.compile(r"[\w+#.-]+")
_VIDEO_ID = re.compile(r"[\w-]+")


def image(src: str, alt: str = "", title: str = "", caption: str = "", link: str = "") -> str:
    """`![alt](src)`, wrapped in a link when given, with the title and caption on the line below it."""
    src = without_site_address(src).strip()
    picture = f"![{_label(alt or _plain(caption) or _plain(title))}]({destination(src)})"
    if link:
        picture = f"[{picture}]({destination(without_site_address(link).strip())})"
    words = " — ".join(" ".join(part.split()) for part in (title, caption) if part)
    if not words:
        return picture
    # A caption may hold Markdown of its own: set it in italics only when that cannot tangle with its marks.
    # The caption under the picture (a '\' line break), in italics when that cannot tangle with its own marks.
    return picture + ("\\\n" + words if re.search(r"[*_]", words) else f"\\\n*{words}*")


def fence(code: str, language: str = "") -> str:
    """A fenced code block longer than any run of backticks in the code."""
    code = code.strip("\n")
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    marks = "`" * max(3, longest + 1)
    lang = language.split(",")[0].strip()
    lang = lang if _LANG.fullmatch(lang) else ""
    return f"{marks}{lang}\n{code}\n{marks}"


def brief_link(slug: str, anchor: str, title: str, bare_url: bool) -> str:
    """`brief:slug` where a URL is wanted (inside a link), else a link with the brief's title as text."""
    url = f"brief:{slug}" + (f"#{anchor}" if anchor else "")
    return url if bare_url else f"[{_label(title)}]({url})"


def embed_link(service: str, ident: str, user: str = "", title: str = "") -> str | None:
    """A link to a video, gist or post that the original embedded; None when its id is unusable."""
    if not _VIDEO_ID.fullmatch(ident) or (user and not _VIDEO_ID.fullmatch(user)):
        return None
    if service == "youtube":
        return f"[{_label(title or 'Video on YouTube')}](https://www.youtube.com/watch?v={ident})"
    if service == "vimeo":
        return f"[{_label(title or 'Video on Vimeo')}](https://vimeo.com/{ident})"
    if service == "gist" and user:
        return f"[{_label(title or f'Gist {user}/{ident}')}](https://gist.github.com/{user}/{ident})"
    if service in ("tweet", "x", "twitter") and user:
        return f"[{_label(title or f'Post by @{user}')}](https://twitter.com/{user}/status/{ident})"
    if service == "instagram":
        return f"[{_label(title or 'Post on Instagram')}](https://www.instagram.com/p/{ident}/)"
    return None


def without_site_address(text: str) -> str:
    """A path without Liquid's `{{ site.baseurl }}` or `{{ site.url }}` in front: briefgen's links are relative."""
    return _SITE_ADDRESS.sub("", text)


def destination(url: str) -> str:
    """A link destination as Markdown reads it: in <> when it holds spaces or parentheses."""
    if re.search(r"[\s()<>]", url):
        return "<" + url.replace("<", "%3C").replace(">", "%3E") + ">"
    return url


def _label(text: str) -> str:
    return re.sub(r"([\\\[\]])", r"\\\1", " ".join(text.split()))


def _plain(text: str) -> str:
    """Text for an image's alt: without Markdown marks or HTML tags."""
    return " ".join(re.sub(r"<[^>]*>|[*_`]", "", text).split())
