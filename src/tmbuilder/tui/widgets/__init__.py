"""Widgets of the review UI; each draws state it is given and posts what the user asks for."""
