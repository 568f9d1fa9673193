from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.info_access import InfoAccess
from ..types import UNSET, Unset

T = TypeVar("T", bound="FindPeopleTask")


@_attrs_define
class FindPeopleTask:
    """One find-people task of a batch (find decision makers by title at a company).

    Attributes:
        domain (str): Company email domain to search (e.g. @acme.com, no https://).
        title (str): Role to match (for example VP Sales, Head of Marketing).
        company_name (str | Unset): Company name hint.
        country (str | Unset): Location hint, e.g. US.
        city (str | Unset): Location hint (sent by the official MCP client).
        state (str | Unset): Location hint (sent by the official MCP client).
        tracking_id (str | Unset): Your correlation ID, echoed back in the task result (sent by the official MCP
            client).
        max_k (int | Unset): How many people to find at most (sent by the official MCP client, 1 to 8).
        info_access (list[InfoAccess] | Unset): Which contact fields to return (sent by the official MCP client).
    """

    domain: str
    title: str
    company_name: str | Unset = UNSET
    country: str | Unset = UNSET
    city: str | Unset = UNSET
    state: str | Unset = UNSET
    tracking_id: str | Unset = UNSET
    max_k: int | Unset = UNSET
    info_access: list[InfoAccess] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        domain = self.domain

        title = self.title

        company_name = self.company_name

        country = self.country

        city = self.city

        state = self.state

        tracking_id = self.tracking_id

        max_k = self.max_k

        info_access: list[str] | Unset = UNSET
        if not isinstance(self.info_access, Unset):
            info_access = []
            for info_access_item_data in self.info_access:
                info_access_item = info_access_item_data.value
                info_access.append(info_access_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "domain": domain,
                "title": title,
            }
        )
        if company_name is not UNSET:
            field_dict["company_name"] = company_name
        if country is not UNSET:
            field_dict["country"] = country
        if city is not UNSET:
            field_dict["city"] = city
        if state is not UNSET:
            field_dict["state"] = state
        if tracking_id is not UNSET:
            field_dict["tracking_id"] = tracking_id
        if max_k is not UNSET:
            field_dict["max_k"] = max_k
        if info_access is not UNSET:
            field_dict["info_access"] = info_access

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        domain = d.pop("domain")

        title = d.pop("title")

        company_name = d.pop("company_name", UNSET)

        country = d.pop("country", UNSET)

        city = d.pop("city", UNSET)

        state = d.pop("state", UNSET)

        tracking_id = d.pop("tracking_id", UNSET)

        max_k = d.pop("max_k", UNSET)

        _info_access = d.pop("info_access", UNSET)
        info_access: list[InfoAccess] | Unset = UNSET
        if _info_access is not UNSET:
            info_access = []
            for info_access_item_data in _info_access:
                info_access_item = InfoAccess(info_access_item_data)

                info_access.append(info_access_item)

        find_people_task = cls(
            domain=domain,
            title=title,
            company_name=company_name,
            country=country,
            city=city,
            state=state,
            tracking_id=tracking_id,
            max_k=max_k,
            info_access=info_access,
        )

        find_people_task.additional_properties = d
        return find_people_task

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
