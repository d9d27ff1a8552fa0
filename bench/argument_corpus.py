#!/usr/bin/env python3
"""Give a generated corpus every kind of relation: supports, linked premises and undercuts, and a hub claim.

shared/bench/gen_corpus.py writes briefs whose claims only oppose each other. This adds, to the briefs
of CONTENT/briefs, deterministically (--seed):

- supports: about one claim in three supports another claim of the site;
- linked premises: one brief in four has a claim that supports another only together with a third;
- undercuts: one brief in five has a claim that undercuts a support added here;
- a hub: claim HUB (the first claim of the first brief) is supported by 24 claims and opposes 16, so that
  its page and map show a claim with 40 relations.

    python3 shared/bench/gen_corpus.py --n 500 --out /tmp/dense/content
    python bench/argument_corpus.py /tmp/dense/content
    briefgen build /tmp/dense
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import yaml

HUB_SUPPORTERS, HUB_OPPOSED = 24, 16


def _split(text: str) -> tuple[dict, str]:
    _, head, body = text.split("---\n", 2)
    return yaml.safe_load(head), body


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("content", type=Path, help="the content folder gen_corpus.py wrote")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    files = sorted((args.content / "briefs").glob("*.md"))
    if not files:
        sys.exit(f"argument_corpus: no briefs in {args.content / 'briefs'}")
    docs = [_split(f.read_text(encoding="utf-8")) for f in files]
    everyone = sorted({c["id"] for fm, _ in docs for c in fm["claims"]})
    hub = docs[0][0]["claims"][0]["id"]
    supports: list[tuple[str, str]] = []
    for index, (fm, _) in enumerate(docs):
        claims = fm["claims"]
        for claim in claims:
            if rng.random() < 0.33:
                target = rng.choice(everyone)
                if target != claim["id"]:
                    claim.setdefault("supports", []).append(target)
                    supports.append((claim["id"], target))
        if index % 4 == 1 and len(claims) >= 2:
            first, second = claims[0]["id"], claims[1]["id"]
            conclusion = rng.choice([c for c in everyone if c not in (first, second)])
            claims[0].setdefault("supports", []).append({"claim": conclusion, "with": [second]})
        if index % 5 == 2 and supports:
            premise, conclusion = supports[rng.randrange(len(supports))]
            cutter = next((c for c in claims if c["id"] not in (premise, conclusion)), None)
            if cutter is not None:
                cutter.setdefault("undercuts", []).append({"from": premise, "to": conclusion})
    others = [c for c in everyone if c != hub]
    chosen = rng.sample(others, HUB_SUPPORTERS + HUB_OPPOSED)
    fm, _ = docs[0]
    hub_claim = fm["claims"][0]
    hub_claim.setdefault("opposes", []).extend(chosen[HUB_SUPPORTERS:])
    for cid in chosen[:HUB_SUPPORTERS]:
        fm["claims"].append({"id": cid, "supports": [hub]})
    for file, (fm, body) in zip(files, docs, strict=True):
        head = yaml.safe_dump(fm, allow_unicode=True, sort_keys=False, width=1000)
        file.write_text(f"---\n{head}---\n{body}", encoding="utf-8")
    print(f"{len(files)} briefs: {len(supports)} supports added, hub {hub} with "
          f"{HUB_SUPPORTERS + HUB_OPPOSED} relations more")


if __name__ == "__main__":
    main()
