"""Checking every claim of a summary against the article: figures, prose, names, dates, incidents."""
