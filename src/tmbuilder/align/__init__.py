"""Sentence alignment of a Vietnamese document and its English translation."""
