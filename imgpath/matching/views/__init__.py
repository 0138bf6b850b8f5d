"""Pages of match cycles, rank lists, placement rounds and "How the Match works"."""
