"""Resolve stage: parsed documents -> one BriefGraph, plus every problem found."""
