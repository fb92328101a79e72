"""``python -m papergraph`` runs the command-line interface."""

from papergraph.cli import main

main()
