"""Links: connect the items as the document states them.

The third stage of the general pipeline. A link is made only where the text gives it:

- **the outline**: an item is linked to the nearest item above it in the outline (the heading,
  lead or list item it sits under) whose kind it can belong to — an activity under a goal serves
  it, a goal under a focus area belongs to it, an indicator under a goal measures it, a field's
  value ("Ansvarig: X") belongs to the item the field stands with. One link per item and owner:
  siblings are never linked to each other, so links grow with the text, not with goals × activities;
- **the plan**: an item with no owner in the outline (a top-level goal, focus area, målbild) is
  the plan's;
- **mentions**: a body or target group named inside an item's own text is linked to that item.

The table :data:`PAIRS` says which pairs of kinds link and with which predicate.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol


class HasBlock(Protocol):
    block: Any

# (child kind, owner kind) -> (predicate, direction): "down" = owner p child, "up" = child p owner
PAIRS: dict[tuple[str, str], tuple[str, str]] = {
    ("Goal", "FocusArea"): ("hasGoal", "down"),
    ("Goal", "Goal"): ("partOf", "up"),
    ("Goal", "Malbild"): ("contributesTo", "up"),
    ("Goal", "Strategy"): ("partOf", "up"),
    ("FocusArea", "FocusArea"): ("partOf", "up"),
    ("FocusArea", "Goal"): ("partOf", "up"),
    ("FocusArea", "Strategy"): ("partOf", "up"),
    ("Activity", "Goal"): ("servesGoal", "up"),
    ("Activity", "FocusArea"): ("partOf", "up"),
    ("Activity", "Activity"): ("partOf", "up"),
    ("Activity", "Malbild"): ("servesGoal", "up"),
    ("Activity", "Strategy"): ("partOf", "up"),
    ("Indicator", "Goal"): ("measuredBy", "down"),
    ("Indicator", "Activity"): ("measuredBy", "down"),
    ("Indicator", "Malbild"): ("measuredBy", "down"),
    ("Indicator", "FocusArea"): ("partOf", "up"),
    ("Malbild", "FocusArea"): ("hasMalbild", "down"),
    ("Malbild", "Malbild"): ("partOf", "up"),
    ("DataSource", "Indicator"): ("dataSource", "down"),
    ("DataSource", "Goal"): ("dataSource", "down"),
    ("TargetGroup", "Goal"): ("targetGroup", "down"),
    ("TargetGroup", "Activity"): ("targetGroup", "down"),
    ("TargetGroup", "FocusArea"): ("targetGroup", "down"),
    ("ResponsibleBody", "Goal"): ("responsibleFor", "up"),
    ("ResponsibleBody", "Activity"): ("responsibleFor", "up"),
    ("ResponsibleBody", "FocusArea"): ("responsibleFor", "up"),
    ("ResponsibleBody", "Indicator"): ("responsibleFor", "up"),
    ("Budget", "Activity"): ("budget", "down"),
    ("Budget", "FocusArea"): ("budget", "down"),
    ("Assumption", "Goal"): ("assumes", "down"),
    ("Assumption", "Activity"): ("assumes", "down"),
    ("Strategy", "Strategy"): ("partOf", "up"),
}
# An item with no owner above it belongs to the plan.
PLAN_LINKS: dict[str, tuple[str, str]] = {
    "Goal": ("hasGoal", "down"), "FocusArea": ("hasFocusArea", "down"), "Malbild": ("hasMalbild", "down"),
    "Strategy": ("partOf", "up"), "TargetGroup": ("targetGroup", "down"), "Budget": ("budget", "down"),
    "Assumption": ("assumes", "down"), "ResponsibleBody": ("responsibleFor", "up"),
}
# Kinds whose item in a block makes the block's other items its own (not the plan's).
BLOCK_OWNERS = frozenset({"FocusArea", "Goal", "Activity", "Malbild", "Indicator"})
# Kinds that never own anything in the outline, so the walk goes past them.
LEAF_KINDS = frozenset({"ResponsibleBody", "TargetGroup", "DataSource", "Document", "Budget", "Assumption"})


@dataclass(frozen=True)
class Link:
    subject: int          # item ids (indices into the item list); -1 is the plan
    predicate: str
    object: int
    child: int            # the item whose place in the outline gives the link; its block is the source


def items_by_block(items: Sequence[HasBlock]) -> dict[int, list[int]]:
    """The indices of the items on each block (by block index): how every link rule finds them."""
    out: dict[int, list[int]] = {}
    for i, it in enumerate(items):
        out.setdefault(it.block.index, []).append(i)
    return out


def orient(child: int, owner: int, rule: tuple[str, str]) -> Link:
    p, direction = rule
    return Link(owner, p, child, child) if direction == "down" else Link(child, p, owner, child)


def outline_links(kinds: list[str], block_of: list[int], parents: list[int | None],
                  items_at: dict[int, list[int]]) -> list[Link]:
    """Links from the outline.

    ``kinds[i]`` and ``block_of[i]`` are item i's kind and block; ``parents[b]`` is block b's
    parent block; ``items_at[b]`` the items made from block b. Each item is linked to the items of
    the nearest ancestor block that has an item it can belong to, else to the plan.
    """
    links: list[Link] = []
    for i, kind in enumerate(kinds):
        b = block_of[i]
        # items made from the same block: a field's value or a mention belongs to the block's item
        same = [j for j in items_at.get(b, []) if j != i and kinds[j] not in LEAF_KINDS]
        owners = [j for j in same if (kind, kinds[j]) in PAIRS and kind in LEAF_KINDS]
        p = parents[b]
        while not owners and p is not None:
            owners = [j for j in items_at.get(p, []) if (kind, kinds[j]) in PAIRS]
            if owners:
                break
            if kind in ("Goal", "FocusArea", "Malbild") and any(kinds[j] not in LEAF_KINDS for j in items_at.get(p, [])):
                break   # an owner of a kind this one cannot belong to: stop at the first real item
            p = parents[p]
        if owners:
            for j in owners:
                links.append(orient(i, j, PAIRS[(kind, kinds[j])]))
            if kind == "Activity" and p is not None and all(kinds[j] == "Goal" for j in owners):
                area = _area_above(parents[p], kinds, parents, items_at)
                if area is not None:       # the activity also sits in the section of the area its goal belongs to
                    links.append(orient(i, area, PAIRS[("Activity", "FocusArea")]))
            if kind == "FocusArea" and not any(kinds[j] == "FocusArea" for j in owners):
                links.append(orient(i, -1, PLAN_LINKS[kind]))   # an area under a goal is still the plan's area
        elif kind in PLAN_LINKS and not any(kinds[j] != kind and kinds[j] in BLOCK_OWNERS for j in same):
            # (items listed together stay the plan's; a strategy or document the sentence names owns nothing)
            links.append(orient(i, -1, PLAN_LINKS[kind]))
    return links


def _area_above(p: int | None, kinds: list[str], parents: list[int | None], items_at: dict[int, list[int]]) -> int | None:
    """The focus area of the nearest ancestor block that holds one, stopping at any other item."""
    while p is not None:
        here = [j for j in items_at.get(p, []) if kinds[j] not in LEAF_KINDS]
        if here:
            return next((j for j in here if kinds[j] == "FocusArea"), None)
        p = parents[p]
    return None
