"""Entry points of helper processes, kept apart from the heavy packages so a helper starts fast
and small: importing tmbuilder.pipeline alone pulls in the MT engines and sacremoses (60 MB)."""
