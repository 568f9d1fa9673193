from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="TableRunEnrichmentResponse")


@_attrs_define
class TableRunEnrichmentResponse:
    """A table run was queued; it has no task id (its results land in the table's rows).

    Attributes:
        status (str): 'queued'.
        processing_rows (int | None | Unset): How many rows the run will process.
    """

    status: str
    processing_rows: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status

        processing_rows: int | None | Unset
        if isinstance(self.processing_rows, Unset):
            processing_rows = UNSET
        else:
            processing_rows = self.processing_rows

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
            }
        )
        if processing_rows is not UNSET:
            field_dict["processing_rows"] = processing_rows

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        status = d.pop("status")

        def _parse_processing_rows(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        processing_rows = _parse_processing_rows(d.pop("processing_rows", UNSET))

        table_run_enrichment_response = cls(
            status=status,
            processing_rows=processing_rows,
        )

        table_run_enrichment_response.additional_properties = d
        return table_run_enrichment_response

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
