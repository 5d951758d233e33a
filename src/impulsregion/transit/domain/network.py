"""Tariff zones, stops and the zone graph: which zones does a trip touch?

A stop belongs to one zone, a border stop to two (or more). Without a given route
the trip counts the fewest zones any path through the zone graph needs between a
zone of the origin and a zone of the destination; with a route (the stops actually
travelled) it counts the distinct zones of that route, each zone once. An
office-maintained *relation* overrides the zone count for a specific stop pair.
All shortest paths are computed once when the network is built, so a query is a
dictionary lookup.
"""

from __future__ import annotations

import difflib
import itertools
import unicodedata
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum


class ZoneKind(StrEnum):
    """City zones are the four cities' networks; Regio zones lie between them."""

    CITY = "city"
    REGIO = "regio"


class Family(StrEnum):
    """The tariff family a trip falls into (it selects the price row)."""

    CITY = "city"
    REGIO = "regio"
    CITYREGIO = "cityregio"


@dataclass(frozen=True, slots=True)
class Zone:
    code: str
    name: str
    kind: ZoneKind


@dataclass(frozen=True, slots=True)
class Stop:
    """A stop or station; ``zones`` is empty for stops outside the network."""

    key: str
    name: str
    zones: tuple[str, ...]
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True, slots=True)
class Relation:
    """An office decision: between these two stops the given Preisstufe applies."""

    origin: str
    destination: str
    preisstufe: int
    family: Family | None = None
    note: str = ""


class UnknownStopError(LookupError):
    """No stop has this name; ``suggestions`` lists the closest names."""

    def __init__(self, name: str, suggestions: Sequence[str]) -> None:
        super().__init__(f"Unknown stop {name!r}.")
        self.name = name
        self.suggestions = tuple(suggestions)


class OutsideNetworkError(ValueError):
    """The trip leaves the network, so the joint fare does not apply."""

    def __init__(self, stops: Sequence[str]) -> None:
        super().__init__(f"Outside the network: {', '.join(stops)}.")
        self.stops = tuple(stops)


@dataclass(frozen=True, slots=True)
class ZoneCount:
    """The zones a trip touches, in travel order, and a relation if one applied."""

    zones: tuple[str, ...]
    relation: Relation | None = None


def normalise_name(name: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a stop name for matching."""
    decomposed = unicodedata.normalize("NFKD", name.casefold().replace("ß", "ss"))
    letters = "".join(c if c.isalnum() else " " for c in decomposed if not unicodedata.combining(c))
    return " ".join(letters.split())


class ZoneNetwork:
    """Zones, their adjacency, the stops and the relation table of one tariff."""

    def __init__(
        self,
        zones: Iterable[Zone],
        adjacency: Iterable[tuple[str, str]],
        stops: Iterable[Stop],
        relations: Iterable[Relation] = (),
    ) -> None:
        self.zones: dict[str, Zone] = {zone.code: zone for zone in zones}
        self.neighbours: dict[str, set[str]] = {code: set() for code in self.zones}
        for a, b in adjacency:
            if a not in self.zones or b not in self.zones:
                raise ValueError(f"Adjacency {a}–{b} names an unknown zone.")
            self.neighbours[a].add(b)
            self.neighbours[b].add(a)
        self.stops: dict[str, Stop] = {}
        for stop in stops:
            unknown = [code for code in stop.zones if code not in self.zones]
            if unknown:
                raise ValueError(f"Stop {stop.name!r} names unknown zone {unknown[0]!r}.")
            self.stops[stop.key] = stop
        self.relations: dict[tuple[str, str], Relation] = {}
        for relation in relations:
            self.relations[(relation.origin, relation.destination)] = relation
            self.relations.setdefault((relation.destination, relation.origin), relation)
        self._paths = {code: self._shortest_paths_from(code) for code in self.zones}
        self._by_name: dict[str, Stop] = {normalise_name(s.name): s for s in self.stops.values()}
        self._pair_cache: dict[tuple[str, str], ZoneCount] = {}

    def _shortest_paths_from(self, source: str) -> dict[str, tuple[str, ...]]:
        """Breadth-first search; ties go to the neighbour whose code sorts first."""
        paths: dict[str, tuple[str, ...]] = {source: (source,)}
        queue = deque([source])
        while queue:
            current = queue.popleft()
            for neighbour in sorted(self.neighbours[current]):
                if neighbour not in paths:
                    paths[neighbour] = (*paths[current], neighbour)
                    queue.append(neighbour)
        return paths

    def zone_path(self, origin_zone: str, destination_zone: str) -> tuple[str, ...] | None:
        """The fewest zones from one zone to another, both included; None if unconnected."""
        return self._paths[origin_zone].get(destination_zone)

    def find_stop(self, name_or_key: str) -> Stop:
        """The stop with this key or (normalised) name, else suggestions of close names."""
        if name_or_key in self.stops:
            return self.stops[name_or_key]
        wanted = normalise_name(name_or_key)
        if wanted in self._by_name:
            return self._by_name[wanted]
        return self._raise_unknown(name_or_key, wanted)

    def _raise_unknown(self, name: str, wanted: str) -> Stop:
        names = list(self._by_name)
        close = difflib.get_close_matches(wanted, names, n=5, cutoff=0.6)
        contained = [n for n in names if wanted and wanted in n and n not in close]
        ranked = [self._by_name[n].name for n in [*close, *sorted(contained)][:5]]
        raise UnknownStopError(name, ranked)

    def search(self, query: str, limit: int = 10) -> list[Stop]:
        """Stops whose name starts with or contains the query, best first."""
        wanted = normalise_name(query)
        if not wanted:
            return []
        hits = [(0 if n.startswith(wanted) else 1, n) for n in self._by_name if wanted in n]
        if not hits:
            close = difflib.get_close_matches(wanted, list(self._by_name), n=limit, cutoff=0.6)
            return [self._by_name[n] for n in close]
        return [self._by_name[n] for _, n in sorted(hits)[:limit]]

    def count_between(self, origin: Stop, destination: Stop) -> ZoneCount:
        """Zones between two stops: a relation if one exists, else the fewest zones."""
        cache_key = (origin.key, destination.key)
        cached = self._pair_cache.get(cache_key)
        if cached is None:
            cached = self._count_between(origin, destination)
            self._pair_cache[cache_key] = cached
        return cached

    def _count_between(self, origin: Stop, destination: Stop) -> ZoneCount:
        relation = self.relations.get((origin.key, destination.key))
        outside = [stop.name for stop in (origin, destination) if not stop.zones]
        if outside:
            raise OutsideNetworkError(outside)
        best: tuple[str, ...] | None = None
        for a, b in itertools.product(origin.zones, destination.zones):
            path = self.zone_path(a, b)
            if path is not None and (best is None or len(path) < len(best)):
                best = path
        if relation is not None:
            return ZoneCount(best or (*origin.zones[:1], *destination.zones[:1]), relation)
        if best is None:
            raise OutsideNetworkError([origin.name, destination.name])
        return ZoneCount(best)

    def count_along(self, route: Sequence[Stop]) -> ZoneCount:
        """Distinct zones along the stops travelled; a border stop takes the cheaper zone.

        Between consecutive stops whose zones are not the same or adjacent the
        fewest connecting zones are added. Each zone counts once, even if the route
        enters it twice. Border stops are resolved by trying every choice (up to
        4,096 combinations) and keeping the smallest zone set.
        """
        outside = [stop.name for stop in route if not stop.zones]
        if outside:
            raise OutsideNetworkError(outside)
        if len(route) == 2:
            return self.count_between(route[0], route[1])
        choices = [stop.zones for stop in route]
        best: tuple[str, ...] | None = None
        for combination in itertools.islice(itertools.product(*choices), 4096):
            zones = self._zones_for_choice(combination)
            if zones is not None and (best is None or len(zones) < len(best)):
                best = zones
        if best is None:
            raise OutsideNetworkError([stop.name for stop in route])
        return ZoneCount(best)

    def _zones_for_choice(self, combination: Sequence[str]) -> tuple[str, ...] | None:
        ordered: dict[str, None] = {combination[0]: None}
        for a, b in itertools.pairwise(combination):
            path = self.zone_path(a, b)
            if path is None:
                return None
            ordered.update(dict.fromkeys(path))
        return tuple(ordered)


def zones_of(network: ZoneNetwork, codes: Iterable[str]) -> tuple[Zone, ...]:
    """The Zone objects for codes, in the given order."""
    return tuple(network.zones[code] for code in codes)


def stops_by_zone(network: ZoneNetwork) -> Mapping[str, tuple[Stop, ...]]:
    """Stops grouped by zone code (a border stop appears under each of its zones)."""
    grouped: dict[str, list[Stop]] = {code: [] for code in network.zones}
    for stop in network.stops.values():
        for code in stop.zones:
            grouped[code].append(stop)
    return {code: tuple(stops) for code, stops in grouped.items()}
