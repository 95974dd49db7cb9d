"""Results for people and programs: the format registry, text, reports, HTML, tables that fit."""
