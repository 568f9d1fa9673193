"""A client library for accessing Flexprice API"""

from .client import AuthenticatedClient, Client

__version__ = "1.0.post1"

__all__ = (
    "AuthenticatedClient",
    "Client",
)
