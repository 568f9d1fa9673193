from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.squid_params import SquidParams
    from ..models.squid_schedule_type_0 import SquidScheduleType0


T = TypeVar("T", bound="Squid")


@_attrs_define
class Squid:
    """A container of tasks for one crawler (docs/create-squid.mdx).

    Attributes:
        id (str): Unique squid identifier.
        account (list[Any] | Unset): Accounts linked to the squid.
        concurrency (int | Unset): Number of concurrent tasks (default 1).
        crawler (str | Unset): ID of the associated crawler.
        created_at (str | Unset): Creation timestamp (ISO 8601).
        is_active (bool | Unset): Whether the squid is active and can run.
        name (str | Unset): Squid name.
        params (SquidParams | Unset): Squid-level parameters, with the crawler's defaults.
        schedule (None | SquidScheduleType0 | Unset): Cron schedule configuration (null if not scheduled).
        to_complete (bool | Unset): Whether to stop after all tasks complete (false = run continuously).
    """

    id: str
    account: list[Any] | Unset = UNSET
    concurrency: int | Unset = UNSET
    crawler: str | Unset = UNSET
    created_at: str | Unset = UNSET
    is_active: bool | Unset = UNSET
    name: str | Unset = UNSET
    params: SquidParams | Unset = UNSET
    schedule: None | SquidScheduleType0 | Unset = UNSET
    to_complete: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.squid_schedule_type_0 import SquidScheduleType0  # noqa: PLC0415

        id = self.id

        account: list[Any] | Unset = UNSET
        if not isinstance(self.account, Unset):
            account = self.account

        concurrency = self.concurrency

        crawler = self.crawler

        created_at = self.created_at

        is_active = self.is_active

        name = self.name

        params: dict[str, Any] | Unset = UNSET
        if not isinstance(self.params, Unset):
            params = self.params.to_dict()

        schedule: dict[str, Any] | None | Unset
        if isinstance(self.schedule, Unset):
            schedule = UNSET
        elif isinstance(self.schedule, SquidScheduleType0):
            schedule = self.schedule.to_dict()
        else:
            schedule = self.schedule

        to_complete = self.to_complete

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
            }
        )
        if account is not UNSET:
            field_dict["account"] = account
        if concurrency is not UNSET:
            field_dict["concurrency"] = concurrency
        if crawler is not UNSET:
            field_dict["crawler"] = crawler
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if is_active is not UNSET:
            field_dict["is_active"] = is_active
        if name is not UNSET:
            field_dict["name"] = name
        if params is not UNSET:
            field_dict["params"] = params
        if schedule is not UNSET:
            field_dict["schedule"] = schedule
        if to_complete is not UNSET:
            field_dict["to_complete"] = to_complete

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.squid_params import SquidParams  # noqa: PLC0415
        from ..models.squid_schedule_type_0 import SquidScheduleType0  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        account = cast(list[Any], d.pop("account", UNSET))

        concurrency = d.pop("concurrency", UNSET)

        crawler = d.pop("crawler", UNSET)

        created_at = d.pop("created_at", UNSET)

        is_active = d.pop("is_active", UNSET)

        name = d.pop("name", UNSET)

        _params = d.pop("params", UNSET)
        params: SquidParams | Unset
        if isinstance(_params, Unset):
            params = UNSET
        else:
            params = SquidParams.from_dict(_params)

        def _parse_schedule(data: object) -> None | SquidScheduleType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                schedule_type_0 = SquidScheduleType0.from_dict(data)

                return schedule_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SquidScheduleType0 | Unset, data)

        schedule = _parse_schedule(d.pop("schedule", UNSET))

        to_complete = d.pop("to_complete", UNSET)

        squid = cls(
            id=id,
            account=account,
            concurrency=concurrency,
            crawler=crawler,
            created_at=created_at,
            is_active=is_active,
            name=name,
            params=params,
            schedule=schedule,
            to_complete=to_complete,
        )

        squid.additional_properties = d
        return squid

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
