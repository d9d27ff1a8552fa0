"""Load stage: content files -> parsed documents (front matter + body, with line numbers kept)."""
