"""Larger invented sites in Hugo and Jekyll shape, for trying `briefgen import` at the size of real blogs.

The posts are generated (no real site is copied): mixed front-matter syntaxes and date forms,
page bundles, drafts, tags in several scripts, aliases, and in the bodies the template code
real posts carry: links between posts, figures, code, embeds, and some code briefgen cannot
convert, whose places are returned so a test can expect exactly one warning each.
"""

from __future__ import annotations

import random
from pathlib import Path

TAGS = ["sanctions", "diplomacy", "North Korea", "nuclear", "trade", "energy", "Korea", "elections", "budget",
        "climate", "health", "defence"]
WORDS = ["the", "talks", "stalled", "again", "as", "negotiators", "weighed", "new", "proposals", "on",
         "verification", "and", "relief", "while", "officials", "said", "the", "pressure", "campaign", "had", "run",
         "its", "course", "and", "analysts", "disagreed"]


def _paragraph(rng: random.Random, words: int = 40) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def hugo_corpus(root: Path, count: int, seed: int = 11) -> set[tuple[str, int]]:
    """Write a Hugo site of `count` posts under `root`; the (file, line) of each piece that stays text."""
    rng = random.Random(seed)
    (root / "content" / "posts").mkdir(parents=True, exist_ok=True)
    (root / "hugo.toml").write_text('baseURL = "https://old.example.org/"\n', encoding="utf-8")
    (root / "content" / "posts" / "_index.md").write_text("---\ntitle: Posts\n---\n", encoding="utf-8")
    kept: set[tuple[str, str]] = set()
    """(file, how the line of the piece kept as text starts)."""
    names: list[str] = []
    drafts: set[str] = set()
    old_addresses: list[str] = []
    for number in range(count):
        year = 2010 + number % 12
        name = f"post-{number:04d}"
        bundle = number % 10 == 3
        draft = number % 18 == 0  # given as 'draft: true' in the YAML posts (the even ones)
        rel = f"content/posts/{year}/{name}/index.md" if bundle else f"content/posts/{year}/{name}.md"
        tags = rng.sample(TAGS, 2)
        stamp = f"{year}-{1 + number % 12:02d}-{1 + number % 28:02d} {number % 24}:{number % 60:02d}:07 -0400"
        if number % 2:
            front = ["+++", f'title = "Post number {number}: {rng.choice(WORDS)}"', f'date = "{stamp}"',
                     f"tags = {tags!r}".replace("'", '"'), 'categories = ["news"]']
            if number % 7 == 0:
                front.append(f'aliases = ["/{year}/{number}/old-{name}/"]')
            front += ["weight = 1", "+++"]
        else:
            front = ["", "---", f"title: 'Post number {number}'", f"date: '{stamp}'", f"tags: [{', '.join(tags)}]",
                     f"description: Summary of post {number}."]
            if draft:
                front.append("draft: true")
            if number % 7 == 0:
                front.append(f"aliases: [/{year}/{number}/old-{name}/]")
            front.append("---")
        body = [_paragraph(rng)]
        if names and number % 3 == 0:
            linked = rng.choice(names)
            body.append(f"See [an earlier post]({{{{< ref \"{linked}\" >}}}}).")
            if linked in drafts and not draft:  # a published brief cannot link to a draft: kept, and warned
                kept.add((rel, "See [an earlier post]"))
        if number % 4 == 0:
            body.append('{{< figure src="/img/chart.png" caption="A chart" >}}')
        if old_addresses and number % 13 == 0:  # a plain link to another post's old address
            body.append(f"As [argued before]({rng.choice(old_addresses)}), it holds.")
        if number % 5 == 0:
            body.append("{{< highlight python >}}\nprint('relief')\n{{< /highlight >}}")
        body.append("<!--more-->")
        body.append(_paragraph(rng, 120))
        if number % 6 == 0:
            body.append("{{< youtube dQw4w9WgXcQ >}}")
        if number % 8 == 0:
            kept.add((rel, "{{< gallery"))
            body.append('{{< gallery dir="/img/trip" >}}')
        if number % 11 == 0:
            body.append('<div class="box">Boxed <em>text</em></div>')
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(front) + "\n" + "\n\n".join(body) + "\n", encoding="utf-8")
        if bundle:
            (path.parent / "photo.jpg").write_bytes(b"jpeg")
        names.append(f"posts/{year}/{name}")
        if draft:
            drafts.add(names[-1])
        elif number % 7 == 0:
            old_addresses.append(f"/{year}/{number}/old-{name}/")
    return _lines_of(root, kept)


def _lines_of(root: Path, kept: set[tuple[str, str]]) -> set[tuple[str, int]]:
    """(file, line) of each (file, start of the line) in `kept`."""
    found = set()
    for rel, start in kept:
        lines = (root / rel).read_text(encoding="utf-8").split("\n")
        found.add((rel, next(i + 1 for i, line in enumerate(lines) if line.startswith(start))))
    return found


def jekyll_corpus(root: Path, count: int, seed: int = 5) -> set[tuple[str, int]]:
    """Write a Jekyll blog of `count` posts under `root`; the (file, line) of each piece that stays text."""
    rng = random.Random(seed)
    (root / "_posts").mkdir(parents=True, exist_ok=True)
    (root / "_config.yml").write_text("title: Blog\n", encoding="utf-8")
    kept: set[tuple[str, str]] = set()
    stems: list[str] = []
    for number in range(count):
        day = f"{2012 + number % 10}-{1 + number % 12:02d}-{1 + number % 28:02d}"
        stem = f"{day}-entry-{number}"
        front = ["---", "layout: post", f"title: \"Entry {number}\""]
        if number % 6:  # one in six carries its date only in the file name
            front.append(f"date: {day} 10:00:00 +0100")
        front += [f"tags: {' '.join(t.replace(' ', '-') for t in rng.sample(TAGS, 2))}", "---"]
        body = [_paragraph(rng)]
        if stems and number % 3 == 0:
            body.append(f"Earlier: [this]({{{{ site.baseurl }}}}{{% post_url {rng.choice(stems)} %}}).")
        if number % 4 == 0:
            body.append("{% highlight ruby %}\nputs 1\n{% endhighlight %}")
        if number % 5 == 0:
            body.append('{% include figure.html image="/assets/x.png" caption="Figure" %}')
        if number % 8 == 0:
            kept.add((f"_posts/{stem}.md", "{% if"))
            body.append("{% if page.comments %}Comments open.{% endif %}")
        (root / "_posts" / f"{stem}.md").write_text("\n".join(front) + "\n" + "\n\n".join(body) + "\n",
                                                    encoding="utf-8")
        stems.append(stem)
    return _lines_of(root, kept)
