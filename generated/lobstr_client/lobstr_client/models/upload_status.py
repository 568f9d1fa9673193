from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.upload_meta import UploadMeta


T = TypeVar("T", bound="UploadStatus")


@_attrs_define
class UploadStatus:
    """The state of an upload (docs/check-upload-status.mdx).

    Attributes:
        id (str): Upload task identifier.
        state (str): PENDING, PROGRESS, SUCCESS or FAILURE.
        object_ (str | Unset): Always "task_upload".
        meta (None | Unset | UploadMeta): Row counts; null while PENDING or PROGRESS.
    """

    id: str
    state: str
    object_: str | Unset = UNSET
    meta: None | Unset | UploadMeta = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.upload_meta import UploadMeta  # noqa: PLC0415

        id = self.id

        state = self.state

        object_ = self.object_

        meta: dict[str, Any] | None | Unset
        if isinstance(self.meta, Unset):
            meta = UNSET
        elif isinstance(self.meta, UploadMeta):
            meta = self.meta.to_dict()
        else:
            meta = self.meta

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "state": state,
            }
        )
        if object_ is not UNSET:
            field_dict["object"] = object_
        if meta is not UNSET:
            field_dict["meta"] = meta

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.upload_meta import UploadMeta  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        state = d.pop("state")

        object_ = d.pop("object", UNSET)

        def _parse_meta(data: object) -> None | Unset | UploadMeta:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                meta_type_0 = UploadMeta.from_dict(data)

                return meta_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UploadMeta, data)

        meta = _parse_meta(d.pop("meta", UNSET))

        upload_status = cls(
            id=id,
            state=state,
            object_=object_,
            meta=meta,
        )

        upload_status.additional_properties = d
        return upload_status

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
