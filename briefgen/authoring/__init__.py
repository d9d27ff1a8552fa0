"""Helping authors: new sites, new briefs, and articles imported as briefs."""
