from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Run")


@_attrs_define
class Run:
    """One execution of a squid's tasks (docs/get-run.mdx, start-run.mdx, list-runs.mdx, abort-run.mdx).

    Attributes:
        id (str): Unique identifier of the run.
        status (str): pending, running, uploading, paused, done, aborted or error.
        is_done (bool): Whether the run has completed (any terminal status).
        object_ (str | Unset): Always "run".
        squid (str | Unset): The squid this run belongs to.
        created_at (str | Unset): When the run was created (ISO 8601).
        started_at (str | Unset): When the run started executing.
        ended_at (None | str | Unset): When the run completed or stopped.
        next_launch_at (None | str | Unset): Next scheduled execution (if recurring).
        duration (float | str | Unset): Run duration: seconds as a number (start-run, list-runs, abort-run pages) or a
            timedelta string such as "0:00:50.183300" (get-run, get-run-stats pages).
        credit_used (float | Unset): Credits consumed.
        origin (str | Unset): Who started the run, e.g. "user" or "schedule".
        force_launch (bool | Unset): Whether this run was force-launched.
        total_results (int | Unset): Number of results collected.
        total_unique_results (int | Unset): Number of unique results collected.
        export_done (bool | None | Unset): Whether the export was generated (null until it is attempted).
        export_count (int | Unset): Number of times results have been exported.
        export_time (None | str | Unset): When the export was generated.
        email_done (bool | None | Unset): Whether the email delivery was completed.
        email_time (None | str | Unset): When email delivery completed.
        email_verification (None | str | Unset): Email verification status for delivery (get-run only).
        done_reason (None | str | Unset): Why the run finished, e.g. tasks_done, aborted, no_credits_left.
        done_reason_desc (None | str | Unset): More context for done_reason.
    """

    id: str
    status: str
    is_done: bool
    object_: str | Unset = UNSET
    squid: str | Unset = UNSET
    created_at: str | Unset = UNSET
    started_at: str | Unset = UNSET
    ended_at: None | str | Unset = UNSET
    next_launch_at: None | str | Unset = UNSET
    duration: float | str | Unset = UNSET
    credit_used: float | Unset = UNSET
    origin: str | Unset = UNSET
    force_launch: bool | Unset = UNSET
    total_results: int | Unset = UNSET
    total_unique_results: int | Unset = UNSET
    export_done: bool | None | Unset = UNSET
    export_count: int | Unset = UNSET
    export_time: None | str | Unset = UNSET
    email_done: bool | None | Unset = UNSET
    email_time: None | str | Unset = UNSET
    email_verification: None | str | Unset = UNSET
    done_reason: None | str | Unset = UNSET
    done_reason_desc: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        status = self.status

        is_done = self.is_done

        object_ = self.object_

        squid = self.squid

        created_at = self.created_at

        started_at = self.started_at

        ended_at: None | str | Unset
        if isinstance(self.ended_at, Unset):
            ended_at = UNSET
        else:
            ended_at = self.ended_at

        next_launch_at: None | str | Unset
        if isinstance(self.next_launch_at, Unset):
            next_launch_at = UNSET
        else:
            next_launch_at = self.next_launch_at

        duration: float | str | Unset
        if isinstance(self.duration, Unset):
            duration = UNSET
        else:
            duration = self.duration

        credit_used = self.credit_used

        origin = self.origin

        force_launch = self.force_launch

        total_results = self.total_results

        total_unique_results = self.total_unique_results

        export_done: bool | None | Unset
        if isinstance(self.export_done, Unset):
            export_done = UNSET
        else:
            export_done = self.export_done

        export_count = self.export_count

        export_time: None | str | Unset
        if isinstance(self.export_time, Unset):
            export_time = UNSET
        else:
            export_time = self.export_time

        email_done: bool | None | Unset
        if isinstance(self.email_done, Unset):
            email_done = UNSET
        else:
            email_done = self.email_done

        email_time: None | str | Unset
        if isinstance(self.email_time, Unset):
            email_time = UNSET
        else:
            email_time = self.email_time

        email_verification: None | str | Unset
        if isinstance(self.email_verification, Unset):
            email_verification = UNSET
        else:
            email_verification = self.email_verification

        done_reason: None | str | Unset
        if isinstance(self.done_reason, Unset):
            done_reason = UNSET
        else:
            done_reason = self.done_reason

        done_reason_desc: None | str | Unset
        if isinstance(self.done_reason_desc, Unset):
            done_reason_desc = UNSET
        else:
            done_reason_desc = self.done_reason_desc

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "status": status,
                "is_done": is_done,
            }
        )
        if object_ is not UNSET:
            field_dict["object"] = object_
        if squid is not UNSET:
            field_dict["squid"] = squid
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if started_at is not UNSET:
            field_dict["started_at"] = started_at
        if ended_at is not UNSET:
            field_dict["ended_at"] = ended_at
        if next_launch_at is not UNSET:
            field_dict["next_launch_at"] = next_launch_at
        if duration is not UNSET:
            field_dict["duration"] = duration
        if credit_used is not UNSET:
            field_dict["credit_used"] = credit_used
        if origin is not UNSET:
            field_dict["origin"] = origin
        if force_launch is not UNSET:
            field_dict["force_launch"] = force_launch
        if total_results is not UNSET:
            field_dict["total_results"] = total_results
        if total_unique_results is not UNSET:
            field_dict["total_unique_results"] = total_unique_results
        if export_done is not UNSET:
            field_dict["export_done"] = export_done
        if export_count is not UNSET:
            field_dict["export_count"] = export_count
        if export_time is not UNSET:
            field_dict["export_time"] = export_time
        if email_done is not UNSET:
            field_dict["email_done"] = email_done
        if email_time is not UNSET:
            field_dict["email_time"] = email_time
        if email_verification is not UNSET:
            field_dict["email_verification"] = email_verification
        if done_reason is not UNSET:
            field_dict["done_reason"] = done_reason
        if done_reason_desc is not UNSET:
            field_dict["done_reason_desc"] = done_reason_desc

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        status = d.pop("status")

        is_done = d.pop("is_done")

        object_ = d.pop("object", UNSET)

        squid = d.pop("squid", UNSET)

        created_at = d.pop("created_at", UNSET)

        started_at = d.pop("started_at", UNSET)

        def _parse_ended_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        ended_at = _parse_ended_at(d.pop("ended_at", UNSET))

        def _parse_next_launch_at(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        next_launch_at = _parse_next_launch_at(d.pop("next_launch_at", UNSET))

        def _parse_duration(data: object) -> float | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(float | str | Unset, data)

        duration = _parse_duration(d.pop("duration", UNSET))

        credit_used = d.pop("credit_used", UNSET)

        origin = d.pop("origin", UNSET)

        force_launch = d.pop("force_launch", UNSET)

        total_results = d.pop("total_results", UNSET)

        total_unique_results = d.pop("total_unique_results", UNSET)

        def _parse_export_done(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        export_done = _parse_export_done(d.pop("export_done", UNSET))

        export_count = d.pop("export_count", UNSET)

        def _parse_export_time(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        export_time = _parse_export_time(d.pop("export_time", UNSET))

        def _parse_email_done(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        email_done = _parse_email_done(d.pop("email_done", UNSET))

        def _parse_email_time(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        email_time = _parse_email_time(d.pop("email_time", UNSET))

        def _parse_email_verification(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        email_verification = _parse_email_verification(d.pop("email_verification", UNSET))

        def _parse_done_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        done_reason = _parse_done_reason(d.pop("done_reason", UNSET))

        def _parse_done_reason_desc(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        done_reason_desc = _parse_done_reason_desc(d.pop("done_reason_desc", UNSET))

        run = cls(
            id=id,
            status=status,
            is_done=is_done,
            object_=object_,
            squid=squid,
            created_at=created_at,
            started_at=started_at,
            ended_at=ended_at,
            next_launch_at=next_launch_at,
            duration=duration,
            credit_used=credit_used,
            origin=origin,
            force_launch=force_launch,
            total_results=total_results,
            total_unique_results=total_unique_results,
            export_done=export_done,
            export_count=export_count,
            export_time=export_time,
            email_done=email_done,
            email_time=email_time,
            email_verification=email_verification,
            done_reason=done_reason,
            done_reason_desc=done_reason_desc,
        )

        run.additional_properties = d
        return run

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
