"""A client library for accessing Openmart API"""

from .client import AuthenticatedClient, Client

__version__ = "1.post2"

__all__ = (
    "AuthenticatedClient",
    "Client",
)
