from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CreateSquidRequest")


@_attrs_define
class CreateSquidRequest:
    """What Create Squid takes (docs/create-squid.mdx).

    Attributes:
        crawler (str): The unique ID (hash) of the crawler to use for this squid.
        name (str | Unset): Custom name for the squid; auto-generated ("Crawler Name (N)") if absent.
    """

    crawler: str
    name: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        crawler = self.crawler

        name = self.name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "crawler": crawler,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        crawler = d.pop("crawler")

        name = d.pop("name", UNSET)

        create_squid_request = cls(
            crawler=crawler,
            name=name,
        )

        create_squid_request.additional_properties = d
        return create_squid_request

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
