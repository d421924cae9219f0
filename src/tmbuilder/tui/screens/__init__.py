"""Screens of the review UI: the segment editor, the glossary, help and dialogs."""
