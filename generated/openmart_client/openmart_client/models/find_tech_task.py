from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="FindTechTask")


@_attrs_define
class FindTechTask:
    """One tech-detection task of a batch.

    Attributes:
        domain (str): The company domain to check.
        tech_type (str): The technology identifier to detect.
        company_name (str | Unset): Optional company name hint to improve matching.
    """

    domain: str
    tech_type: str
    company_name: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        domain = self.domain

        tech_type = self.tech_type

        company_name = self.company_name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "domain": domain,
                "tech_type": tech_type,
            }
        )
        if company_name is not UNSET:
            field_dict["company_name"] = company_name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        domain = d.pop("domain")

        tech_type = d.pop("tech_type")

        company_name = d.pop("company_name", UNSET)

        find_tech_task = cls(
            domain=domain,
            tech_type=tech_type,
            company_name=company_name,
        )

        find_tech_task.additional_properties = d
        return find_tech_task

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
