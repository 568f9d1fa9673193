"""A client library for accessing Flexprice API"""

from .client import AuthenticatedClient, Client

__version__ = "1.0.post2"

__all__ = (
    "AuthenticatedClient",
    "Client",
)
