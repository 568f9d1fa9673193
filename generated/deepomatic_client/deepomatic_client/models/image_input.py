from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.bounding_box import BoundingBox
    from ..models.point import Point


T = TypeVar("T", bound="ImageInput")


@_attrs_define
class ImageInput:
    """An image input.

    Attributes:
        source (str): The URL of the image, or its base64 encoded content prefixed by `data:image/{format};base64,` (`*`
            as the format if unknown).
        bbox (BoundingBox | Unset): A rectangle that delimits a sub-part of the image; coordinates are normalised to the
            image width and height, origin at the top-left corner.
        polygon (list[Point] | Unset): An array of at least 3 points to crop the image.
        crop_uniform_background (bool | Unset): Crop the uniform background around the image (sent by the official
            client, false by default).
    """

    source: str
    bbox: BoundingBox | Unset = UNSET
    polygon: list[Point] | Unset = UNSET
    crop_uniform_background: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        source = self.source

        bbox: dict[str, Any] | Unset = UNSET
        if not isinstance(self.bbox, Unset):
            bbox = self.bbox.to_dict()

        polygon: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.polygon, Unset):
            polygon = []
            for polygon_item_data in self.polygon:
                polygon_item = polygon_item_data.to_dict()
                polygon.append(polygon_item)

        crop_uniform_background = self.crop_uniform_background

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "source": source,
            }
        )
        if bbox is not UNSET:
            field_dict["bbox"] = bbox
        if polygon is not UNSET:
            field_dict["polygon"] = polygon
        if crop_uniform_background is not UNSET:
            field_dict["crop_uniform_background"] = crop_uniform_background

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.bounding_box import BoundingBox  # noqa: PLC0415
        from ..models.point import Point  # noqa: PLC0415

        d = dict(src_dict)
        source = d.pop("source")

        _bbox = d.pop("bbox", UNSET)
        bbox: BoundingBox | Unset
        if isinstance(_bbox, Unset):
            bbox = UNSET
        else:
            bbox = BoundingBox.from_dict(_bbox)

        _polygon = d.pop("polygon", UNSET)
        polygon: list[Point] | Unset = UNSET
        if _polygon is not UNSET:
            polygon = []
            for polygon_item_data in _polygon:
                polygon_item = Point.from_dict(polygon_item_data)

                polygon.append(polygon_item)

        crop_uniform_background = d.pop("crop_uniform_background", UNSET)

        image_input = cls(
            source=source,
            bbox=bbox,
            polygon=polygon,
            crop_uniform_background=crop_uniform_background,
        )

        image_input.additional_properties = d
        return image_input

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
