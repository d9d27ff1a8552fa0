"""A site whose argument graph has every kind of relation, one cluster too large for one map part,
small clusters, a claim with 40 relations and words in several scripts: the maps' test bed."""

from __future__ import annotations

import random
from pathlib import Path

import yaml

HUB = "hub-claim"
TEXTS = [
    "北京支持分阶段的外交，这是一个很长的句子，没有空格可以断开，一直写到框的边上。",
    "العقوبات لن توقف البرنامج النووي لكوريا الشمالية قبل نهاية العقد",
    "See https://example.org/a/very/long/path/without/any/spaces/at/all/for/the/record",
    "Санкции не остановят ядерную программу, и переговоры продолжатся без результата.",
    "WWWWWWWWWW MMMMMMMMMM WWWWWWWWWW MMMMMMMMMM WWWWWWWWWW MMMMMMMMMM",
]


def claim_text(n: int) -> str:
    if n < len(TEXTS):
        return TEXTS[n]
    return f"Claim {n}: the {['sanctions', 'summit', 'freeze', 'talks'][n % 4]} argument, step {n % 7}."


def write_map_site(root: Path, briefs: int = 40, pool: int = 90, seed: int = 3) -> Path:
    """Write the site under `root`: `briefs` briefs drawing claims from a pool of `pool`, and a brief on HUB."""
    rng = random.Random(seed)
    folder = root / "content" / "briefs"
    folder.mkdir(parents=True, exist_ok=True)
    (root / "content" / "sources.yaml").write_text("- id: src\n  title: A source\n  kind: report\n", encoding="utf-8")
    pooled = [{"id": f"arg-{n}", "text": claim_text(n), "sources": ["src"]} for n in range(pool // 2)]
    (root / "content" / "claims.yaml").write_text(yaml.safe_dump(pooled, allow_unicode=True), encoding="utf-8")
    supports: list[tuple[str, str]] = []
    for i in range(briefs):
        ids = sorted({f"arg-{rng.randrange(pool // 2) if i < briefs - 6 else pool // 2 + i}" for _ in range(4)})
        claims = [{"id": cid, "text": claim_text(int(cid[4:])), "sources": ["src"]} for cid in ids]
        if i < briefs - 6:  # the last six briefs stay apart: small clusters of their own
            for claim in claims:
                if rng.random() < 0.4:
                    target = f"arg-{rng.randrange(pool // 2)}"
                    if target != claim["id"]:
                        claim["supports"] = [target]
                        supports.append((claim["id"], target))
            if i % 4 == 1 and len(claims) > 2:
                claims[0].setdefault("supports", []).append({"claim": claims[2]["id"], "with": [claims[1]["id"]]})
            if i % 5 == 2 and supports:
                premise, conclusion = supports[rng.randrange(len(supports))]
                cutter = next((c for c in claims if c["id"] not in (premise, conclusion)), None)
                if cutter is not None:
                    cutter["undercuts"] = [{"from": premise, "to": conclusion}]
        rival = f"arg-{rng.randrange(pool // 2) if i < briefs - 6 else pool + i}"
        counter = [] if rival in ids else [{"id": rival, "text": claim_text(int(rival[4:])), "sources": ["src"],
                                             "opposes": claims[0]["id"], "rebuttal": "Not so."}]
        _brief(folder / f"b{i:03d}.md", f"Brief {i}", i, claims, counter)
    hub = [{"id": HUB, "text": "The hub claim, which forty others support, oppose or follow from.",
            "sources": ["src"], "opposes": [f"arg-{n}" for n in range(20, 32)],
            "supports": [f"arg-{n}" for n in range(32, 40)]}]
    hub += [{"id": f"arg-{n}", "supports": [HUB]} for n in range(0, 20)]
    _brief(folder / "hub.md", "The hub", briefs, hub, [])
    return root


def _brief(path: Path, title: str, day: int, claims: list[dict[str, object]], counter: list[dict[str, object]]) -> None:
    front = {"title": title, "date": f"2020-{1 + day // 28 % 12:02d}-{1 + day % 28:02d}",
             "topics": [f"topic {day % 3}"], "summary": f"{title} in short.", "claims": claims}
    if counter:
        front["counterclaims"] = counter
    head = yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
    path.write_text(f"---\n{head}---\nBody [@src].\n", encoding="utf-8")
