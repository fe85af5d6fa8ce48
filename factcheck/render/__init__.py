"""Renderers: turn results into text for people (Rich) or JSON for programs."""
