"""Fetching articles and feeds from the web, safely enough for a hosted app.

Only http and https; the host's every address must be public (no private, loopback,
link-local, multicast or reserved ranges) after DNS resolution, and each redirect is
checked again; the body is capped in size and the request in time. Every refusal raises
FetchError with one line that says why.
"""

from __future__ import annotations

import ipaddress
import socket
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

MAX_BYTES = 5 * 1024 * 1024
TIMEOUT_SECONDS = 15
MAX_REDIRECTS = 5
USER_AGENT = "FrontLines/1.0 (+news geoparsing; respects robots and rate limits)"


class FetchError(ValueError):
    """A URL that was refused or could not be read."""


@dataclass
class Fetched:
    url: str            # the final URL, after redirects
    content_type: str
    body: bytes


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # noqa: ANN002, ANN003
        return None  # redirects are followed by hand, so each hop is checked


def check_url(url: str, allow_private: bool = False) -> str:
    """The URL if it may be fetched; FetchError otherwise."""
    parsed = urllib.parse.urlsplit(url.strip())
    if parsed.scheme not in ("http", "https"):
        raise FetchError(f"{url}: only http and https URLs are fetched")
    if not parsed.hostname:
        raise FetchError(f"{url}: no host name")
    try:
        infos = socket.getaddrinfo(parsed.hostname, parsed.port or None,
                                   proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchError(f"{url}: host {parsed.hostname!r} not found ({error})") from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not allow_private and not address.is_global:
            raise FetchError(f"{url}: refused, {parsed.hostname} resolves to the non-public "
                             f"address {address}")
    return url.strip()


def fetch(url: str, *, allow_private: bool = False, max_bytes: int = MAX_BYTES,
          timeout: float = TIMEOUT_SECONDS) -> Fetched:
    """GET a URL under the rules above. allow_private is for tests on loopback only."""
    opener = urllib.request.build_opener(_NoRedirect)
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        check_url(current, allow_private)
        request = urllib.request.Request(current, headers={"User-Agent": USER_AGENT})
        try:
            response = opener.open(request, timeout=timeout)
        except urllib.error.HTTPError as error:
            if error.code in (301, 302, 303, 307, 308) and error.headers.get("Location"):
                current = urllib.parse.urljoin(current, error.headers["Location"])
                continue
            raise FetchError(f"{current}: HTTP {error.code} {error.reason}") from None
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise FetchError(f"{current}: cannot connect ({reason})") from None
        with response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(f"{current}: {int(declared):,} bytes is over the "
                                 f"{max_bytes:,}-byte limit")
            try:
                body = response.read(max_bytes + 1)
            except (TimeoutError, OSError) as error:
                raise FetchError(f"{current}: read failed ({error})") from None
            if len(body) > max_bytes:
                raise FetchError(f"{current}: more than {max_bytes:,} bytes; not read")
            return Fetched(current, response.headers.get("Content-Type", ""), body)
    raise FetchError(f"{url}: more than {MAX_REDIRECTS} redirects")
