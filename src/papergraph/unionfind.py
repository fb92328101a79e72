"""Union-find (disjoint sets) over the integers 0..n-1: the one implementation every stage uses."""

from __future__ import annotations

__all__ = ["UnionFind"]


class UnionFind:
    """Disjoint sets of ``0..n-1``; the root of a set is always its smallest member.

    Keeping the smallest member as root makes the result independent of the order of the
    unions, so whoever groups with it gets the same groups on every run.

    Examples
    --------
    >>> sets = UnionFind(5)
    >>> sets.union(3, 1), sets.union(4, 3), sets.union(1, 4)
    (1, 1, None)
    >>> sets.find(4), sets.groups()
    (1, [[0], [1, 3, 4], [2]])
    """

    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        """The root of ``i``'s set (paths are halved on the way)."""
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(self, i: int, j: int) -> int | None:
        """Join the sets of ``i`` and ``j``; the new root, or None when they were one set already."""
        root_i, root_j = self.find(i), self.find(j)
        if root_i == root_j:
            return None
        root, child = (root_i, root_j) if root_i < root_j else (root_j, root_i)
        self.parent[child] = root
        return root

    def groups(self) -> list[list[int]]:
        """Every set as a sorted list, the sets sorted by their smallest member."""
        members: dict[int, list[int]] = {}
        for i in range(len(self.parent)):
            members.setdefault(self.find(i), []).append(i)
        return sorted(members.values())
