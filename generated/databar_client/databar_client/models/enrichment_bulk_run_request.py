from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.enrichment_bulk_run_request_params_item import EnrichmentBulkRunRequestParamsItem
    from ..models.pagination_options import PaginationOptions


T = TypeVar("T", bound="EnrichmentBulkRunRequest")


@_attrs_define
class EnrichmentBulkRunRequest:
    """
    Attributes:
        params (list[EnrichmentBulkRunRequestParamsItem]): One parameter object per input (at most 100).
        pagination (PaginationOptions | Unset): Pagination for list-style enrichments.
    """

    params: list[EnrichmentBulkRunRequestParamsItem]
    pagination: PaginationOptions | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        params = []
        for params_item_data in self.params:
            params_item = params_item_data.to_dict()
            params.append(params_item)

        pagination: dict[str, Any] | Unset = UNSET
        if not isinstance(self.pagination, Unset):
            pagination = self.pagination.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "params": params,
            }
        )
        if pagination is not UNSET:
            field_dict["pagination"] = pagination

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.enrichment_bulk_run_request_params_item import EnrichmentBulkRunRequestParamsItem  # noqa: PLC0415
        from ..models.pagination_options import PaginationOptions  # noqa: PLC0415

        d = dict(src_dict)
        params = []
        _params = d.pop("params")
        for params_item_data in _params:
            params_item = EnrichmentBulkRunRequestParamsItem.from_dict(params_item_data)

            params.append(params_item)

        _pagination = d.pop("pagination", UNSET)
        pagination: PaginationOptions | Unset
        if isinstance(_pagination, Unset):
            pagination = UNSET
        else:
            pagination = PaginationOptions.from_dict(_pagination)

        enrichment_bulk_run_request = cls(
            params=params,
            pagination=pagination,
        )

        enrichment_bulk_run_request.additional_properties = d
        return enrichment_bulk_run_request

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
