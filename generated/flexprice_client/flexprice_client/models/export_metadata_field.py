from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.export_metadata_entity_type import ExportMetadataEntityType
from ..types import UNSET, Unset

T = TypeVar("T", bound="ExportMetadataField")


@_attrs_define
class ExportMetadataField:
    """
    Attributes:
        entity_type (ExportMetadataEntityType):
        field_key (str): metadata key to look up
        column_name (str | Unset): CSV column header to be shown in the exported file
    """

    entity_type: ExportMetadataEntityType
    field_key: str
    column_name: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        entity_type = self.entity_type.value

        field_key = self.field_key

        column_name = self.column_name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "entity_type": entity_type,
                "field_key": field_key,
            }
        )
        if column_name is not UNSET:
            field_dict["column_name"] = column_name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        entity_type = ExportMetadataEntityType(d.pop("entity_type"))

        field_key = d.pop("field_key")

        column_name = d.pop("column_name", UNSET)

        export_metadata_field = cls(
            entity_type=entity_type,
            field_key=field_key,
            column_name=column_name,
        )

        export_metadata_field.additional_properties = d
        return export_metadata_field

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
