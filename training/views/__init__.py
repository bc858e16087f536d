"""Training pages, one module per area; training/urls.py wires them."""
