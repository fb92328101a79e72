"""Exploring: a concept's neighbourhood, with the papers behind each tie.

CONTRACT (to be implemented):
    find_concept(G, name) -> str node id; raises UnknownConceptError with suggestions
    neighbors(G, concept, *, depth=1, top=10, kinds=None) -> Neighbourhood
"""
