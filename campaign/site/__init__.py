"""The public site: pages that combine several apps (the top layer, see ARCHITECTURE.md)."""
