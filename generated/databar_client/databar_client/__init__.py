"""A client library for accessing Databar.ai API"""

from .client import AuthenticatedClient, Client

__version__ = "0.1.2.post3"

__all__ = (
    "AuthenticatedClient",
    "Client",
)
