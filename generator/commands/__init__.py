"""One orchestrator per command; each reads as the pipeline it runs (see DESIGN.md)."""
