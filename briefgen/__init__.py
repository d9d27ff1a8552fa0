"""briefgen: a static site generator for policy briefs."""

__version__ = "0.1.0"
