"""A pygame grid-world game: play a level, watch an agent learn it, export the learned policy as a GIF."""
