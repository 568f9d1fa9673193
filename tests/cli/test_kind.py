"""`--kind`: the CLI waits on any unit a provider tracks, and refuses a kind the provider does not have."""

from __future__ import annotations

import json

from lobstr_client.api.runs import start_run
from lobstr_client.api.squids import create_squid
from lobstr_client.models import CreateSquidRequest, Run, Squid, StartRunRequest

import taskwait
from taskwait.emulator import Emulator
from tests.cli.helpers import env, wait_args
from tests.cli.helpers import taskwait as run_cli


def started_run(emu: Emulator) -> str:
    emu.set_created("lobstr", duration=(0.05, 0.1), failure_rate=0.0)
    client = taskwait.connect("lobstr", emu.api_key, base_url=emu.base_url("lobstr"))
    squid = create_squid.sync(client=client, body=CreateSquidRequest(crawler="4734d096159ef05210e0e1677e8be823"))
    assert isinstance(squid, Squid)
    run = start_run.sync(client=client, body=StartRunRequest(squid=squid.id))
    assert isinstance(run, Run)
    return run.id


def test_wait_and_get_a_lobstr_run(emu: Emulator) -> None:
    run_id = started_run(emu)
    done = run_cli(*wait_args(emu, "lobstr", run_id), "--kind", "run", "--json", "--quiet", environ=env("lobstr"))
    line = json.loads(done.stdout)
    assert done.returncode == 0 and line["task_id"] == run_id and line["status"] == "succeeded"
    got = run_cli("get", "lobstr", run_id, "--kind", "run", "--json", "--base-url", emu.base_url("lobstr"),
                  environ=env("lobstr"))  # fmt: skip
    assert got.returncode == 0 and json.loads(got.stdout)["raw_status"] == "done"


def test_a_kind_the_provider_does_not_have_exits_2_with_one_line(emu: Emulator) -> None:
    refused = run_cli(*wait_args(emu, "databar", "T1"), "--kind", "run", environ=env("databar"))
    assert refused.returncode == 2 and "has no 'run' unit" in refused.stderr
    assert refused.stderr.strip().count("\n") == 0
