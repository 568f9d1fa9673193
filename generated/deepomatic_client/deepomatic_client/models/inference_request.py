from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.inference_input import InferenceInput


T = TypeVar("T", bound="InferenceRequest")


@_attrs_define
class InferenceRequest:
    """What to run an inference on (https://docs.deepomatic.com/deepomatic-api-v0.7/common-objects and the official
    client's deepomatic/api/inputs.py).

        Attributes:
            inputs (list[InferenceInput]): The inputs, in the order the network takes them.
            show_discarded (bool | Unset): Also list, in each output's `discarded`, the hypotheses whose score did not reach
                the recognition threshold.
            max_predictions (int | Unset): The maximum number of predictions to return.
    """

    inputs: list[InferenceInput]
    show_discarded: bool | Unset = UNSET
    max_predictions: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        inputs = []
        for inputs_item_data in self.inputs:
            inputs_item = inputs_item_data.to_dict()
            inputs.append(inputs_item)

        show_discarded = self.show_discarded

        max_predictions = self.max_predictions

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "inputs": inputs,
            }
        )
        if show_discarded is not UNSET:
            field_dict["show_discarded"] = show_discarded
        if max_predictions is not UNSET:
            field_dict["max_predictions"] = max_predictions

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.inference_input import InferenceInput  # noqa: PLC0415

        d = dict(src_dict)
        inputs = []
        _inputs = d.pop("inputs")
        for inputs_item_data in _inputs:
            inputs_item = InferenceInput.from_dict(inputs_item_data)

            inputs.append(inputs_item)

        show_discarded = d.pop("show_discarded", UNSET)

        max_predictions = d.pop("max_predictions", UNSET)

        inference_request = cls(
            inputs=inputs,
            show_discarded=show_discarded,
            max_predictions=max_predictions,
        )

        inference_request.additional_properties = d
        return inference_request

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
