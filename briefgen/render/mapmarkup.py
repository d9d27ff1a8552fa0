"""An argument map's section of a page: the drawing, a key to what it shows, and the map as a list.

Written in Python rather than a template: a brief's map lists dozens of claims and relations,
and as a sandboxed Jinja macro it cost a quarter of the brief page's rendering. Every user text
is escaped here; the SVG drawing was escaped when it was drawn (argmap.py). A theme can still
draw maps its own way from the view (`m.svg`, `m.outline`); `argument_map(m)` is the default.

On a wide screen the drawing comes first, scaled down to the column if it is wider, and the list is
behind a disclosure; on a phone a drawing too wide to stay readable scaled down is put behind a
disclosure after the list, which is shown open (the map CSS, with `::details-content`; a browser
without it shows both as disclosures).
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from markupsafe import Markup

from briefgen.render.argmap import PHONE, ArgumentMap

_KEYS = {
    "supports": '<li><svg width="40" height="12" aria-hidden="true" focusable="false"><line x1="0" y1="6" x2="32" '
                'y2="6" class="argmap-key-supports"/><path d="M30,2 L38,6 L30,10 z" class="argmap-marker-supports"/>'
                "</svg> supports (solid line, arrow)</li>",
    "opposes": '<li><svg width="40" height="12" aria-hidden="true" focusable="false"><line x1="0" y1="6" x2="36" '
               'y2="6" class="argmap-key-opposes"/><path d="M37,0 L37,12" class="argmap-marker-opposes"/></svg> '
               "opposes (dashed line, bar)</li>",
    "linked": '<li><svg width="40" height="12" aria-hidden="true" focusable="false"><line x1="0" y1="2" x2="12" '
              'y2="6" class="argmap-key-supports"/><line x1="0" y1="10" x2="12" y2="6" class="argmap-key-supports"/>'
              '<circle cx="13" cy="6" r="3.5" class="argmap-key-join"/><line x1="14" y1="6" x2="32" y2="6" '
              'class="argmap-key-supports"/><path d="M30,2 L38,6 L30,10 z" class="argmap-marker-supports"/></svg> '
              "linked premises: they join at a dot and “together support” a claim</li>",
    "undercuts": '<li><svg width="40" height="12" aria-hidden="true" focusable="false"><line x1="0" y1="6" x2="30" '
                 'y2="6" class="argmap-key-undercuts"/><path d="M29,6 L33.5,2 L38,6 L33.5,10 z" '
                 'class="argmap-marker-undercuts"/></svg> undercuts (dotted line, diamond): attacks a support, '
                 "ending on the ring drawn on it</li>",
    "counter": '<li><span class="argmap-key-box argmap-key-counter" aria-hidden="true"></span> counterclaim '
               "(dashed outline)</li>",
    "external": '<li><span class="argmap-key-box argmap-key-external" aria-hidden="true"></span> claim from '
                "elsewhere on the site</li>",
}
_ROLE_NOTES = {"counter": " <span class=\"argmap-role\">(counterclaim)</span>",
               "focus": " <span class=\"argmap-role\">(this claim)</span>"}


def map_section(m: ArgumentMap, url: Callable[[str], str], heading: str = "Argument map",
                level: str = "h2") -> Markup:
    level = level if level in ("h2", "h3", "h4") else "h2"
    ident = escape(m.id)
    shown = {*m.kinds, *(item.node.role for item in m.outline)}
    key = "".join(_KEYS[kind] for kind in ("supports", "opposes", "linked", "undercuts", "counter", "external")
                  if kind in shown)
    fits = m.width <= PHONE
    out = [f'<section class="panel argmap{" argmap-fits" if fits else ""}" aria-labelledby="{ident}-heading">',
           f'<{level} id="{ident}-heading">{escape(heading)}</{level}>']
    if m.shown < m.total:
        out.append(f'<p class="argmap-note">Showing {m.shown} of {m.total} claims.</p>')
    out.append('<div class="argmap-body">')
    if not fits:  # on a narrow screen, behind a disclosure after the list (the map CSS); open on a wide one
        out.append('<details class="argmap-drawing"><summary>The map as a drawing '
                   '<span class="argmap-hint">(wider than this screen: it scrolls sideways)</span></summary>')
    out += ['<figure class="argmap-figure">',
            f'<div class="argmap-scroll" dir="ltr" tabindex="0" role="region" '
            f'aria-label="{escape(m.title)} (drawing)">',
            m.svg, "</div>"]
    if key:
        out.append(f'<figcaption><ul class="argmap-legend" aria-label="Key">{key}</ul></figcaption>')
    out.append("</figure>")
    if not fits:
        out.append("</details>")
    out += ['<details class="argmap-outline">', "<summary>The map as a list</summary>", "<ul>"]
    for item in m.outline:
        node = item.node
        badge = ' <span class="badge badge-contested">Contested</span>' if node.contested else ""
        if node.verdict:
            badge += f' <span class="badge badge-verdict">Rated: {escape(node.verdict)}</span>'
        out.append(f'<li><a href="{escape(url(node.path))}" dir="auto">{escape(node.text)}</a>'
                   f'{_ROLE_NOTES.get(node.role, "")}'
                   f"{badge}")
        if item.relations:
            out.append("<ul>")
            out += [f'<li><span class="argmap-relation">{escape(r.label)}</span>: '
                    f'<a href="{escape(url(r.node.path))}" dir="auto">{escape(r.node.text)}</a>'
                    + "".join(f' <span class="argmap-relation">{escape(words)}</span> '
                              f'<a href="{escape(url(node.path))}" dir="auto">{escape(node.text)}</a>'
                              for words, node in r.extra)
                    + "</li>" for r in item.relations]
            out.append("</ul>")
        out.append("</li>")
    out += ["</ul>", "</details>", "</div>", "</section>"]
    return Markup("\n".join(out))
