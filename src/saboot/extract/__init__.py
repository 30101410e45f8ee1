"""Extraction: a document's text → claims whose every value carries evidence."""
