"""The five providers' task APIs on loopback, for tests and demos without keys or network.

with Emulator() as emu:
    task = emu.add_task("lobstr", fate="cancel", total=40, polls=3)
    client = taskwait.connect("lobstr", emu.api_key, base_url=emu.base_url("lobstr"))
"""

try:
    import starlette  # noqa: F401
    import uvicorn  # noqa: F401
except ImportError as exc:  # pragma: no cover - depends on what is installed
    raise ImportError("taskwait.emulator needs the emulator extra: pip install 'taskwait-suite[emulator]'") from exc

from .app import create_app as create_app
from .server import DEFAULT_API_KEY as DEFAULT_API_KEY
from .server import Emulator as Emulator
from .store import FAULT_KINDS as FAULT_KINDS
from .store import Created as Created
from .store import Faults as Faults
from .store import TaskScript as TaskScript
from .store import Timing as Timing

__all__ = ["DEFAULT_API_KEY", "FAULT_KINDS", "Created", "Emulator", "Faults", "TaskScript", "Timing", "create_app"]
