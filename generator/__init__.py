"""customer360: a simulated retail bank, the loader into each warehouse, and LookML generation."""

__version__ = "0.1.0"
