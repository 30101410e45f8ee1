"""Linking: claims from many reports → incidents, reconciled and assessed."""
