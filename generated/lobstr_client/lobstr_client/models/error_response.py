from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.error_object import ErrorObject


T = TypeVar("T", bound="ErrorResponse")


@_attrs_define
class ErrorResponse:
    """An error answer. Its shape differs between pages of the docs: `{"detail": "…"}`, `{"error": {"message", "type",
    "param"}}`, `{"errors": {"message", "type", "code"}}` and, for 429, `{"error": "Rate limit exceeded…", "type":
    "RateLimitExceeded", "code": 429}`.

        Attributes:
            detail (str | Unset): What went wrong.
            error (ErrorObject | str | Unset): The error, as a message or as an object.
            errors (ErrorObject | Unset): A structured error.
            type_ (str | Unset): The error type, e.g. RateLimitExceeded.
            code (int | str | Unset): The error code, e.g. 429.
    """

    detail: str | Unset = UNSET
    error: ErrorObject | str | Unset = UNSET
    errors: ErrorObject | Unset = UNSET
    type_: str | Unset = UNSET
    code: int | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.error_object import ErrorObject  # noqa: PLC0415

        detail = self.detail

        error: dict[str, Any] | str | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        elif isinstance(self.error, ErrorObject):
            error = self.error.to_dict()
        else:
            error = self.error

        errors: dict[str, Any] | Unset = UNSET
        if not isinstance(self.errors, Unset):
            errors = self.errors.to_dict()

        type_ = self.type_

        code: int | str | Unset
        if isinstance(self.code, Unset):
            code = UNSET
        else:
            code = self.code

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if detail is not UNSET:
            field_dict["detail"] = detail
        if error is not UNSET:
            field_dict["error"] = error
        if errors is not UNSET:
            field_dict["errors"] = errors
        if type_ is not UNSET:
            field_dict["type"] = type_
        if code is not UNSET:
            field_dict["code"] = code

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.error_object import ErrorObject  # noqa: PLC0415

        d = dict(src_dict)
        detail = d.pop("detail", UNSET)

        def _parse_error(data: object) -> ErrorObject | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                error_type_1 = ErrorObject.from_dict(data)

                return error_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ErrorObject | str | Unset, data)

        error = _parse_error(d.pop("error", UNSET))

        _errors = d.pop("errors", UNSET)
        errors: ErrorObject | Unset
        if isinstance(_errors, Unset):
            errors = UNSET
        else:
            errors = ErrorObject.from_dict(_errors)

        type_ = d.pop("type", UNSET)

        def _parse_code(data: object) -> int | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | str | Unset, data)

        code = _parse_code(d.pop("code", UNSET))

        error_response = cls(
            detail=detail,
            error=error,
            errors=errors,
            type_=type_,
            code=code,
        )

        error_response.additional_properties = d
        return error_response

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
