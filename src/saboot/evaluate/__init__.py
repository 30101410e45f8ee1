"""Evaluation of extraction and linking against gold data."""
