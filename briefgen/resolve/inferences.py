"""Supports as inferences: plain and linked supports, and the undercuts that attack them.

Every support between claims is an inference (premises -> conclusion) with a stable id made from
its premises and conclusion (model.inference_id), so that the same linked group written from two
of its premises, in two briefs, is one inference, and an undercut names the support it attacks by
the same two things its author wrote. Runs in two steps of resolve: `register` before unknown ids
are reported (it queues this module's ids with the others), `build` once every claim is known.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from briefgen.argmodel import Inference, InferenceLinks, inference_id
from briefgen.load.specs import ClaimSpec, LinkedSupportSpec, UndercutSpec
from briefgen.resolve.registry import Registry

Group = tuple[tuple[str, ...], str]
"""(premises, sorted and unique; conclusion)."""
SHOWN_IN_HINT = 3
"""Existing supports named in the hint of an undercut whose support does not exist."""


def register(reg: Registry) -> None:
    """Refuse self-relations and queue every named claim for the unknown-id check."""
    for spec in reg.arguments:
        for linked in spec.linked:
            for ref in (linked.claim, *linked.others):
                reg.pending.append(("claim", ref))
            _linked_fault(reg, spec, linked)
        for cut in spec.undercuts:
            for ref in (*cut.premises, cut.conclusion):
                reg.pending.append(("claim", ref))
            _undercut_fault(reg, spec, cut)


def _linked_fault(reg: Registry, spec: ClaimSpec, linked: LinkedSupportSpec, report: bool = True) -> bool:
    others = {r.id for r in linked.others}
    fault = ""
    if linked.claim.id == spec.id:
        fault = f"claim '{spec.id}' supports itself"
    elif spec.id in others:
        fault = f"claim '{spec.id}' is listed among the claims it supports '{linked.claim.id}' with"
    elif linked.claim.id in others:
        fault = f"claim '{linked.claim.id}' is both the conclusion and a premise of this support"
    if fault and report:
        reg.error(linked.at, fault, "self-relation", "'with' lists the other premises, not this claim or "
                                                     "the conclusion")
    return bool(fault)


def _undercut_fault(reg: Registry, spec: ClaimSpec, cut: UndercutSpec, report: bool = True) -> bool:
    premises = {r.id for r in cut.premises}
    fault = ""
    if spec.id in premises or spec.id == cut.conclusion.id:
        fault = f"claim '{spec.id}' undercuts a support it is part of"
    elif cut.conclusion.id in premises:
        fault = f"claim '{cut.conclusion.id}' is both premise and conclusion of the support undercut here"
    if fault and report:
        reg.error(cut.at, fault, "self-relation", "an undercut attacks the support other claims give")
    return bool(fault)


def build(reg: Registry, claims: Mapping[str, object]) -> tuple[dict[str, Inference], dict[str, InferenceLinks]]:
    """Every inference between known claims, and each claim's part in them; reports every undercut of a
    support that no claim gives, at the undercut."""
    groups: dict[str, Group] = {}
    for cid in claims:
        for other in reg.relations.get(cid, {}).get("supports", {}):
            if other in claims:
                _add(groups, (cid,), other)
    for spec in reg.arguments:
        for linked in spec.linked:
            members = (spec.id, *(r.id for r in linked.others))
            if all(m in claims for m in (*members, linked.claim.id)) and not _linked_fault(reg, spec, linked, False):
                _add(groups, members, linked.claim.id)
    undercut_by: dict[str, set[str]] = {}
    for spec in reg.arguments:
        for cut in spec.undercuts:
            premises = tuple(r.id for r in cut.premises)
            if spec.id not in claims or not all(c in claims for c in (*premises, cut.conclusion.id)) \
                    or _undercut_fault(reg, spec, cut, False):
                continue  # reported already: an unknown id, or a self-relation
            iid = inference_id(premises, cut.conclusion.id)
            if iid in groups:
                undercut_by.setdefault(iid, set()).add(spec.id)
            else:
                reg.error(cut.at, f"claim '{spec.id}' undercuts the support {_from(premises)} to "
                                  f"'{cut.conclusion.id}', but no claim gives that support", "unknown-support",
                          _hint(groups, premises, cut.conclusion.id))
    inferences = {iid: Inference(iid, premises, conclusion, tuple(sorted(undercut_by.get(iid, ()))))
                  for iid, (premises, conclusion) in sorted(groups.items())}
    return inferences, _links(claims, inferences.values())


def _add(groups: dict[str, Group], premises: Iterable[str], conclusion: str) -> None:
    ordered = tuple(sorted(set(premises)))
    groups.setdefault(inference_id(ordered, conclusion), (ordered, conclusion))


def _from(premises: Iterable[str]) -> str:
    ids = sorted(set(premises))
    return f"from '{ids[0]}'" if len(ids) == 1 else "from " + ", ".join(f"'{p}'" for p in ids) + " together"


def _written(premises: tuple[str, ...], conclusion: str) -> str:
    """A support as an undercut would name it."""
    lead = premises[0] if len(premises) == 1 else "[" + ", ".join(premises) + "]"
    return f"{{from: {lead}, to: {conclusion}}}"


def _hint(groups: dict[str, Group], premises: tuple[str, ...], conclusion: str) -> str:
    into = [g for g in groups.values() if g[1] == conclusion]
    if into:
        into.sort(key=lambda g: (-len(set(g[0]) & set(premises)), g))
        named = ", ".join(_written(*g) for g in into[:SHOWN_IN_HINT])
        return f"did you mean {named}?" if len(into) == 1 else f"did you mean one of {named}?"
    out_of = sorted(g for g in groups.values() if set(premises) & set(g[0]))
    if out_of:
        return "no claim supports '" + conclusion + "'; supports from here: " + \
            ", ".join(_written(*g) for g in out_of[:SHOWN_IN_HINT])
    return f"no claim supports '{conclusion}' yet: add 'supports: [{conclusion}]' to the premise first"


def _links(claims: Iterable[str], inferences: Iterable[Inference]) -> dict[str, InferenceLinks]:
    premise_of: dict[str, list[str]] = {}
    concludes: dict[str, list[str]] = {}
    undercuts: dict[str, list[str]] = {}
    for inf in inferences:  # in id order, so every list below is sorted
        for cid in inf.premises:
            premise_of.setdefault(cid, []).append(inf.id)
        concludes.setdefault(inf.conclusion, []).append(inf.id)
        for cid in inf.undercut_by:
            undercuts.setdefault(cid, []).append(inf.id)
    return {cid: InferenceLinks(tuple(premise_of.get(cid, ())), tuple(concludes.get(cid, ())),
                                tuple(undercuts.get(cid, ()))) for cid in claims}
