from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.waterfall_bulk_run_request_params_item import WaterfallBulkRunRequestParamsItem


T = TypeVar("T", bound="WaterfallBulkRunRequest")


@_attrs_define
class WaterfallBulkRunRequest:
    """
    Attributes:
        params (list[WaterfallBulkRunRequestParamsItem]): One parameter object per input.
        enrichments (list[int] | Unset): Select at least 1 enrichment (the data providers to try, in order).
        email_verifier (int | None | Unset): Optional enrichment id verifying found emails (email waterfalls only).
    """

    params: list[WaterfallBulkRunRequestParamsItem]
    enrichments: list[int] | Unset = UNSET
    email_verifier: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        params = []
        for params_item_data in self.params:
            params_item = params_item_data.to_dict()
            params.append(params_item)

        enrichments: list[int] | Unset = UNSET
        if not isinstance(self.enrichments, Unset):
            enrichments = self.enrichments

        email_verifier: int | None | Unset
        if isinstance(self.email_verifier, Unset):
            email_verifier = UNSET
        else:
            email_verifier = self.email_verifier

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "params": params,
            }
        )
        if enrichments is not UNSET:
            field_dict["enrichments"] = enrichments
        if email_verifier is not UNSET:
            field_dict["email_verifier"] = email_verifier

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.waterfall_bulk_run_request_params_item import WaterfallBulkRunRequestParamsItem  # noqa: PLC0415

        d = dict(src_dict)
        params = []
        _params = d.pop("params")
        for params_item_data in _params:
            params_item = WaterfallBulkRunRequestParamsItem.from_dict(params_item_data)

            params.append(params_item)

        enrichments = cast(list[int], d.pop("enrichments", UNSET))

        def _parse_email_verifier(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        email_verifier = _parse_email_verifier(d.pop("email_verifier", UNSET))

        waterfall_bulk_run_request = cls(
            params=params,
            enrichments=enrichments,
            email_verifier=email_verifier,
        )

        waterfall_bulk_run_request.additional_properties = d
        return waterfall_bulk_run_request

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
