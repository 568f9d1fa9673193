"""A client library for accessing Lobstr.io API"""

from .client import AuthenticatedClient, Client

__version__ = "1.post2"

__all__ = (
    "AuthenticatedClient",
    "Client",
)
