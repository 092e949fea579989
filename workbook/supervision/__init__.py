"""Supervision packs: choose entries to share, de-identify them, check the result for leaks."""
