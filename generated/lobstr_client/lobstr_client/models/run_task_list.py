from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.run_task import RunTask


T = TypeVar("T", bound="RunTaskList")


@_attrs_define
class RunTaskList:
    """A page of run tasks (docs/get-run-tasks.mdx).

    Attributes:
        data (list[RunTask]): The run tasks of this page.
        total_results (int | Unset): Total number of matching records.
        limit (int | Unset): Records per page (max 100).
        page (int | Unset): Current page number (1-indexed).
        total_pages (int | Unset): Total number of pages.
        result_from (int | Unset): Index of the first record on this page.
        result_to (int | Unset): Index of the last record on this page.
        next_ (None | str | Unset): URL of the next page (null on the last page).
        previous (None | str | Unset): URL of the previous page (null on the first page).
        warning (str | Unset): Set on free plans when the export limit cut the page (docs/pagination.mdx).
    """

    data: list[RunTask]
    total_results: int | Unset = UNSET
    limit: int | Unset = UNSET
    page: int | Unset = UNSET
    total_pages: int | Unset = UNSET
    result_from: int | Unset = UNSET
    result_to: int | Unset = UNSET
    next_: None | str | Unset = UNSET
    previous: None | str | Unset = UNSET
    warning: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = []
        for data_item_data in self.data:
            data_item = data_item_data.to_dict()
            data.append(data_item)

        total_results = self.total_results

        limit = self.limit

        page = self.page

        total_pages = self.total_pages

        result_from = self.result_from

        result_to = self.result_to

        next_: None | str | Unset
        if isinstance(self.next_, Unset):
            next_ = UNSET
        else:
            next_ = self.next_

        previous: None | str | Unset
        if isinstance(self.previous, Unset):
            previous = UNSET
        else:
            previous = self.previous

        warning = self.warning

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
            }
        )
        if total_results is not UNSET:
            field_dict["total_results"] = total_results
        if limit is not UNSET:
            field_dict["limit"] = limit
        if page is not UNSET:
            field_dict["page"] = page
        if total_pages is not UNSET:
            field_dict["total_pages"] = total_pages
        if result_from is not UNSET:
            field_dict["result_from"] = result_from
        if result_to is not UNSET:
            field_dict["result_to"] = result_to
        if next_ is not UNSET:
            field_dict["next"] = next_
        if previous is not UNSET:
            field_dict["previous"] = previous
        if warning is not UNSET:
            field_dict["warning"] = warning

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.run_task import RunTask  # noqa: PLC0415

        d = dict(src_dict)
        data = []
        _data = d.pop("data")
        for data_item_data in _data:
            data_item = RunTask.from_dict(data_item_data)

            data.append(data_item)

        total_results = d.pop("total_results", UNSET)

        limit = d.pop("limit", UNSET)

        page = d.pop("page", UNSET)

        total_pages = d.pop("total_pages", UNSET)

        result_from = d.pop("result_from", UNSET)

        result_to = d.pop("result_to", UNSET)

        def _parse_next_(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        next_ = _parse_next_(d.pop("next", UNSET))

        def _parse_previous(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        previous = _parse_previous(d.pop("previous", UNSET))

        warning = d.pop("warning", UNSET)

        run_task_list = cls(
            data=data,
            total_results=total_results,
            limit=limit,
            page=page,
            total_pages=total_pages,
            result_from=result_from,
            result_to=result_to,
            next_=next_,
            previous=previous,
            warning=warning,
        )

        run_task_list.additional_properties = d
        return run_task_list

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
