"""Ranking work-activity placements for a client (pure library, no Django)."""
