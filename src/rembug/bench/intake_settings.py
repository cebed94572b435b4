"""Settings of the intake benchmark's server: Rembug's own, with the public write limit lifted so
that one load generator on loopback measures the server, not the rate limiter."""

from rembug.settings import *  # noqa: F403

API_PUBLIC_WRITE_RATE = "100000000/min"
