from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="UploadMeta")


@_attrs_define
class UploadMeta:
    """Row counts of an ended upload.

    Attributes:
        duplicates (int | Unset): Number of duplicate tasks skipped.
        inserted (int | Unset): Number of tasks successfully inserted.
        invalid (int | Unset): Number of invalid rows in the file.
        valid (int | Unset): Number of valid rows processed.
    """

    duplicates: int | Unset = UNSET
    inserted: int | Unset = UNSET
    invalid: int | Unset = UNSET
    valid: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        duplicates = self.duplicates

        inserted = self.inserted

        invalid = self.invalid

        valid = self.valid

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if duplicates is not UNSET:
            field_dict["duplicates"] = duplicates
        if inserted is not UNSET:
            field_dict["inserted"] = inserted
        if invalid is not UNSET:
            field_dict["invalid"] = invalid
        if valid is not UNSET:
            field_dict["valid"] = valid

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        duplicates = d.pop("duplicates", UNSET)

        inserted = d.pop("inserted", UNSET)

        invalid = d.pop("invalid", UNSET)

        valid = d.pop("valid", UNSET)

        upload_meta = cls(
            duplicates=duplicates,
            inserted=inserted,
            invalid=invalid,
            valid=valid,
        )

        upload_meta.additional_properties = d
        return upload_meta

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
