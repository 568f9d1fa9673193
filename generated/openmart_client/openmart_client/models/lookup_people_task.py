from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.info_access import InfoAccess
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.known_person import KnownPerson


T = TypeVar("T", bound="LookupPeopleTask")


@_attrs_define
class LookupPeopleTask:
    """One known-people enrichment task of a batch.

    Attributes:
        domain (str): Company root domain where the people work.
        people (list[KnownPerson]): Known people to enrich, 1 to 8 a task.
        company_name (str | Unset): Optional human-readable company name; improves resolution when the domain is
            ambiguous.
        info_access (list[InfoAccess] | Unset): Which contact fields to return (EMAIL, PHONE).
    """

    domain: str
    people: list[KnownPerson]
    company_name: str | Unset = UNSET
    info_access: list[InfoAccess] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        domain = self.domain

        people = []
        for people_item_data in self.people:
            people_item = people_item_data.to_dict()
            people.append(people_item)

        company_name = self.company_name

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
                "people": people,
            }
        )
        if company_name is not UNSET:
            field_dict["company_name"] = company_name
        if info_access is not UNSET:
            field_dict["info_access"] = info_access

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.known_person import KnownPerson  # noqa: PLC0415

        d = dict(src_dict)
        domain = d.pop("domain")

        people = []
        _people = d.pop("people")
        for people_item_data in _people:
            people_item = KnownPerson.from_dict(people_item_data)

            people.append(people_item)

        company_name = d.pop("company_name", UNSET)

        _info_access = d.pop("info_access", UNSET)
        info_access: list[InfoAccess] | Unset = UNSET
        if _info_access is not UNSET:
            info_access = []
            for info_access_item_data in _info_access:
                info_access_item = InfoAccess(info_access_item_data)

                info_access.append(info_access_item)

        lookup_people_task = cls(
            domain=domain,
            people=people,
            company_name=company_name,
            info_access=info_access,
        )

        lookup_people_task.additional_properties = d
        return lookup_people_task

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
