"""The analyst's workbench: server-rendered pages and a JSON API over the
same views (``saboot serve``)."""
