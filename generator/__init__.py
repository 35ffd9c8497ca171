"""Candor: one company profile in, AI-transparency notices and staff playbooks out."""

__version__ = "0.1.0"
