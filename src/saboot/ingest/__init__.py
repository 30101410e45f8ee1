"""Ingestion: raw bytes of reports → stored ``Document`` records."""
