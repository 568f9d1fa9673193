"""A client library for accessing Deepomatic API"""

from .client import AuthenticatedClient, Client

__version__ = "0.7.post2"

__all__ = (
    "AuthenticatedClient",
    "Client",
)
