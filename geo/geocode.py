"""Online geocoding for names the offline gazetteer lacks: geopy, cached, rate limited.

Off by default. When on, each unknown name is asked once per deployment (answers, empty
ones too, are cached in the store), at most one request a second, with retries and
back-off on 429 and 5xx. The service's candidates become gazetteer-like entries and go
through the same resolution scoring, so the document's context still decides.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Protocol

from geo.gazetteer import Entry

USER_AGENT = "FrontLines/1.0 (open-source news geoparser; set your own for heavy use)"
FOCUS_VIEWBOX = [(19.5, 9.3), (33.3, 25.2)]  # Libya, (south, west), (north, east)
SETTING = "FRONTLINES_ONLINE_GEOCODER"        # "nominatim", or any geopy service name
KEY_SETTING = "FRONTLINES_GEOCODER_API_KEY"
KIND_OF_TYPE = {"city": "city", "town": "town", "village": "village", "hamlet": "village",
                "suburb": "district", "neighbourhood": "district", "quarter": "district",
                "administrative": "admin1", "state": "admin1", "country": "country"}


class Cache(Protocol):
    def get_geocode(self, provider: str, query: str) -> list[dict] | None: ...
    def put_geocode(self, provider: str, query: str, answer: list[dict]) -> None: ...


class GeocodeFailure(RuntimeError):
    """The service could not answer (down, refused, too slow, malformed): say why."""


@dataclass
class OnlineGeocoder:
    provider: str
    geocoder: object           # a geopy geocoder
    cache: Cache | None = None
    focus: str | None = "LY"
    min_delay_seconds: float = 1.0
    max_retries: int = 2
    error_wait_seconds: float = 2.0

    def __post_init__(self) -> None:
        from geopy.extra.rate_limiter import RateLimiter

        self._search = RateLimiter(self._ask, min_delay_seconds=self.min_delay_seconds,
                                   max_retries=self.max_retries,
                                   error_wait_seconds=max(self.error_wait_seconds,
                                                          self.min_delay_seconds),
                                   swallow_exceptions=False)

    def _ask(self, query: str):
        kwargs = {"exactly_one": False, "limit": 5}
        if self.provider == "nominatim":
            kwargs.update(addressdetails=True, viewbox=FOCUS_VIEWBOX, bounded=False,
                          country_codes=None)
        return self.geocoder.geocode(query, **kwargs)

    def candidates(self, name: str) -> list[Entry]:
        """Places the service knows by `name` (cached); GeocodeFailure when it failed."""
        from geopy.exc import GeopyError

        query = " ".join(name.split())
        answer = self.cache.get_geocode(self.provider, query) if self.cache else None
        if answer is None:
            try:
                found = self._search(query) or []
            except (GeopyError, ValueError, OSError) as error:
                raise GeocodeFailure(f"{self.provider}: {type(error).__name__}: "
                                     f"{str(error).splitlines()[0] if str(error) else ''}"
                                     ) from None
            answer = [simplify(location) for location in found]
            if self.cache:
                self.cache.put_geocode(self.provider, query, answer)
        return [to_entry(self.provider, item, number) for number, item in enumerate(answer)]


def simplify(location) -> dict:
    """What we keep of a geopy Location: enough to place, rank and show it."""
    raw = location.raw if isinstance(location.raw, dict) else {}
    address = raw.get("address") or {}
    return {"name": str(raw.get("name") or location.address.split(",")[0]),
            "address": location.address, "lat": float(location.latitude),
            "lon": float(location.longitude),
            "country": str(address.get("country_code", "")).upper()[:2],
            "type": raw.get("addresstype") or raw.get("type") or "",
            "id": f"{raw.get('osm_type', 'x')}/{raw.get('osm_id', raw.get('place_id', ''))}",
            "importance": float(raw.get("importance") or 0.0)}


def to_entry(provider: str, item: dict, number: int) -> Entry:
    kind = KIND_OF_TYPE.get(item.get("type", ""), "village")
    # Importance (0-1) stands in for population in the shared scoring.
    population = int(10 ** (2 + 4 * max(0.0, min(1.0, item.get("importance", 0.0)))))
    return Entry(-1 - number, f"{provider}:{item['id']}", item["name"], item["country"], "",
                 item["lat"], item["lon"], kind, population, None, 0)


def from_settings(cache: Cache | None, provider: str | None = None, api_key: str | None = None,
                  **options) -> OnlineGeocoder | None:
    """The geocoder the settings ask for (FRONTLINES_ONLINE_GEOCODER), or None when off.
    The API key, for services that need one: `api_key`, else FRONTLINES_GEOCODER_API_KEY."""
    from geopy.geocoders import get_geocoder_for_service

    name = (provider or os.environ.get(SETTING, "")).strip().lower()
    if name in ("", "0", "off", "false", "no"):
        return None
    if name in ("1", "on", "true", "yes"):
        name = "nominatim"
    try:
        service = get_geocoder_for_service(name)
    except Exception as error:  # noqa: BLE001  (geopy raises its own for unknown names)
        raise GeocodeFailure(f"unknown geocoder {name!r}: {error}") from None
    settings = {"user_agent": USER_AGENT, "timeout": options.pop("timeout", 10)}
    for key in ("domain", "scheme"):
        if key in options:
            settings[key] = options.pop(key)
    api_key = api_key or os.environ.get(KEY_SETTING)
    if api_key:
        settings["api_key"] = api_key
    try:
        geocoder = service(**settings)
    except TypeError:
        settings.pop("user_agent", None)
        geocoder = service(**settings)
    return OnlineGeocoder(name, geocoder, cache, **options)


def dump_cache(rows: list[dict]) -> str:
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
