from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Result")


@_attrs_define
class Result:
    """One scraped row (docs/get-results.mdx). Fields beyond these depend on the crawler (e.g. name, address, phone for
    Google Maps).

        Attributes:
            id (str): Unique result identifier.
            object_ (str | Unset): Always "result".
            squid (str | Unset): Squid that produced this result.
            run (str | Unset): Run that produced this result.
            scraping_time (str | Unset): When this result was scraped (ISO 8601).
    """

    id: str
    object_: str | Unset = UNSET
    squid: str | Unset = UNSET
    run: str | Unset = UNSET
    scraping_time: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        object_ = self.object_

        squid = self.squid

        run = self.run

        scraping_time = self.scraping_time

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
            }
        )
        if object_ is not UNSET:
            field_dict["object"] = object_
        if squid is not UNSET:
            field_dict["squid"] = squid
        if run is not UNSET:
            field_dict["run"] = run
        if scraping_time is not UNSET:
            field_dict["scraping_time"] = scraping_time

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        object_ = d.pop("object", UNSET)

        squid = d.pop("squid", UNSET)

        run = d.pop("run", UNSET)

        scraping_time = d.pop("scraping_time", UNSET)

        result = cls(
            id=id,
            object_=object_,
            squid=squid,
            run=run,
            scraping_time=scraping_time,
        )

        result.additional_properties = d
        return result

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
