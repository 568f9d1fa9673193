from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.table_run_enrichment_request_run_strategy import TableRunEnrichmentRequestRunStrategy
from ..types import UNSET, Unset

T = TypeVar("T", bound="TableRunEnrichmentRequest")


@_attrs_define
class TableRunEnrichmentRequest:
    """
    Attributes:
        run_strategy (TableRunEnrichmentRequestRunStrategy | Unset): Which rows to process: 'run_all' runs every row,
            'run_empty' skips rows that already have a result, 'run_errors' reruns only rows that ended with an error.
            Default: TableRunEnrichmentRequestRunStrategy.RUN_ALL.
        row_ids (list[UUID] | None | Unset): Specific row UUIDs to process; when omitted, all rows (subject to
            run_strategy).
    """

    run_strategy: TableRunEnrichmentRequestRunStrategy | Unset = TableRunEnrichmentRequestRunStrategy.RUN_ALL
    row_ids: list[UUID] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        run_strategy: str | Unset = UNSET
        if not isinstance(self.run_strategy, Unset):
            run_strategy = self.run_strategy.value

        row_ids: list[str] | None | Unset
        if isinstance(self.row_ids, Unset):
            row_ids = UNSET
        elif isinstance(self.row_ids, list):
            row_ids = []
            for row_ids_type_0_item_data in self.row_ids:
                row_ids_type_0_item = str(row_ids_type_0_item_data)
                row_ids.append(row_ids_type_0_item)

        else:
            row_ids = self.row_ids

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if run_strategy is not UNSET:
            field_dict["run_strategy"] = run_strategy
        if row_ids is not UNSET:
            field_dict["row_ids"] = row_ids

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _run_strategy = d.pop("run_strategy", UNSET)
        run_strategy: TableRunEnrichmentRequestRunStrategy | Unset
        if isinstance(_run_strategy, Unset):
            run_strategy = UNSET
        else:
            run_strategy = TableRunEnrichmentRequestRunStrategy(_run_strategy)

        def _parse_row_ids(data: object) -> list[UUID] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                row_ids_type_0 = []
                _row_ids_type_0 = data
                for row_ids_type_0_item_data in _row_ids_type_0:
                    row_ids_type_0_item = UUID(row_ids_type_0_item_data)

                    row_ids_type_0.append(row_ids_type_0_item)

                return row_ids_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[UUID] | None | Unset, data)

        row_ids = _parse_row_ids(d.pop("row_ids", UNSET))

        table_run_enrichment_request = cls(
            run_strategy=run_strategy,
            row_ids=row_ids,
        )

        table_run_enrichment_request.additional_properties = d
        return table_run_enrichment_request

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
