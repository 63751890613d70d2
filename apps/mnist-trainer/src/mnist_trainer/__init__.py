"""mnist-trainer: train, evaluate and predict on MNIST with scratch-nn and scratch-classic."""
