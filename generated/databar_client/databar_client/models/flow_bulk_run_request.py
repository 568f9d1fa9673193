from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.flow_bulk_run_request_inputs_item import FlowBulkRunRequestInputsItem


T = TypeVar("T", bound="FlowBulkRunRequest")


@_attrs_define
class FlowBulkRunRequest:
    """
    Attributes:
        inputs (list[FlowBulkRunRequestInputsItem]): One input set per run, each mapping the flow's input ids to values.
    """

    inputs: list[FlowBulkRunRequestInputsItem]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        inputs = []
        for inputs_item_data in self.inputs:
            inputs_item = inputs_item_data.to_dict()
            inputs.append(inputs_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "inputs": inputs,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.flow_bulk_run_request_inputs_item import FlowBulkRunRequestInputsItem  # noqa: PLC0415

        d = dict(src_dict)
        inputs = []
        _inputs = d.pop("inputs")
        for inputs_item_data in _inputs:
            inputs_item = FlowBulkRunRequestInputsItem.from_dict(inputs_item_data)

            inputs.append(inputs_item)

        flow_bulk_run_request = cls(
            inputs=inputs,
        )

        flow_bulk_run_request.additional_properties = d
        return flow_bulk_run_request

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
