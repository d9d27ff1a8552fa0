"""Render stage: BriefGraph -> pages, through one explicit view per page kind."""
