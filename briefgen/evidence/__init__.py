"""Evidence: the pages a site cites, kept and checked.

- `briefgen archive` saves a snapshot of every cited URL into content/archive/ (archiver.py,
  store.py), fetching each page as one polite, guarded request (fetch.py);
- `briefgen check --quotes` finds every quotation in the briefs (quotes.py) and looks for it in
  its source's text (text.py, matching.py), read from the snapshot when there is one
  (quotecheck.py).

Nothing here runs during a build: a build never touches the network, and the archive is not
published with the site (docs/archiving.md says why).
"""
