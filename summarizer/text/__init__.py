"""Reading an article's text: decoding, dates, place names, the marks a prompt adds (no model)."""
