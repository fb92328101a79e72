"""Stage 6: exporters, one module per format, in the style of ``networkx.readwrite``."""
