"""scratch-rl: gymnasium environments and reinforcement-learning agents written over NumPy and scratch-nn."""
