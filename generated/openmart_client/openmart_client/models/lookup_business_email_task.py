from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="LookupBusinessEmailTask")


@_attrs_define
class LookupBusinessEmailTask:
    """One company-email lookup task of a batch.

    Attributes:
        domain (str): Company root domain.
        company_name (str): Company display name (required by the server's validator; empty fails).
        city (str | Unset): Optional company-location narrowing when several companies share a name.
        state (str | Unset): Optional company-location narrowing.
        country (str | Unset): Optional company-location narrowing.
        tracking_id (str | Unset): Your correlation ID, echoed back when you fetch the task result.
    """

    domain: str
    company_name: str
    city: str | Unset = UNSET
    state: str | Unset = UNSET
    country: str | Unset = UNSET
    tracking_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        domain = self.domain

        company_name = self.company_name

        city = self.city

        state = self.state

        country = self.country

        tracking_id = self.tracking_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "domain": domain,
                "company_name": company_name,
            }
        )
        if city is not UNSET:
            field_dict["city"] = city
        if state is not UNSET:
            field_dict["state"] = state
        if country is not UNSET:
            field_dict["country"] = country
        if tracking_id is not UNSET:
            field_dict["tracking_id"] = tracking_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        domain = d.pop("domain")

        company_name = d.pop("company_name")

        city = d.pop("city", UNSET)

        state = d.pop("state", UNSET)

        country = d.pop("country", UNSET)

        tracking_id = d.pop("tracking_id", UNSET)

        lookup_business_email_task = cls(
            domain=domain,
            company_name=company_name,
            city=city,
            state=state,
            country=country,
            tracking_id=tracking_id,
        )

        lookup_business_email_task.additional_properties = d
        return lookup_business_email_task

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
