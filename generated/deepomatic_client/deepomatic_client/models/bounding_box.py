from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="BoundingBox")


@_attrs_define
class BoundingBox:
    """A rectangle that delimits a sub-part of the image; coordinates are normalised to the image width and height, origin
    at the top-left corner.

        Attributes:
            xmin (float): x-coordinate of the left of the box.
            ymin (float): y-coordinate of the top of the box.
            xmax (float): x-coordinate of the right of the box.
            ymax (float): y-coordinate of the bottom of the box.
    """

    xmin: float
    ymin: float
    xmax: float
    ymax: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        xmin = self.xmin

        ymin = self.ymin

        xmax = self.xmax

        ymax = self.ymax

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "xmin": xmin,
                "ymin": ymin,
                "xmax": xmax,
                "ymax": ymax,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        xmin = d.pop("xmin")

        ymin = d.pop("ymin")

        xmax = d.pop("xmax")

        ymax = d.pop("ymax")

        bounding_box = cls(
            xmin=xmin,
            ymin=ymin,
            xmax=xmax,
            ymax=ymax,
        )

        bounding_box.additional_properties = d
        return bounding_box

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
