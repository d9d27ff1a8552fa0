"""Live preview: serve the site and rebuild what a save changed."""
