"""The unions of generated types that annotations use, in one place: imported for type checking only.

At run time this module defines nothing of them (`import taskwait` loads no generated code); the
`providers` package re-exports them and builds them from its adapter table when a program asks for one
(`taskwait.providers.AnyClient`). Adding a provider adds its types to each union here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    import databar_client
    import deepomatic_client
    import flexprice_client
    import lobstr_client
    import openmart_client
    from databar_client.models import HTTPError as DatabarError
    from databar_client.models import HTTPValidationError as DatabarInvalid
    from databar_client.models import RunResponse as DatabarRun
    from databar_client.models import Task as DatabarTask
    from deepomatic_client.models import ErrorDetail as DeepomaticError
    from deepomatic_client.models import InferenceResponse as DeepomaticInference
    from deepomatic_client.models import Task as DeepomaticTask
    from flexprice_client.models import AuthError as FlexpriceAuthError
    from flexprice_client.models import ErrorResponse as FlexpriceError
    from flexprice_client.models import TaskResponse as FlexpriceTask
    from flexprice_client.models import TriggerForceRunResponse as FlexpriceForceRun
    from lobstr_client.models import ErrorResponse as LobstrError
    from lobstr_client.models import Run as LobstrRun
    from lobstr_client.models import Task as LobstrTask
    from lobstr_client.models import TaskUpload as LobstrUploadStarted
    from lobstr_client.models import UploadStatus as LobstrUpload
    from openmart_client.models import BatchStatus as OpenmartBatch
    from openmart_client.models import ErrorDetail as OpenmartError
    from openmart_client.models import SubmittedBatch as OpenmartSubmitted
    from openmart_client.models import Task as OpenmartTask

    AnyAuthenticatedClient: TypeAlias = (
        databar_client.AuthenticatedClient
        | deepomatic_client.AuthenticatedClient
        | flexprice_client.AuthenticatedClient
        | lobstr_client.AuthenticatedClient
        | openmart_client.AuthenticatedClient
    )
    # Any client of the five generated packages: what get_task, wait_for and the rest accept.
    AnyClient: TypeAlias = (
        AnyAuthenticatedClient
        | databar_client.Client
        | deepomatic_client.Client
        | flexprice_client.Client
        | lobstr_client.Client
        | openmart_client.Client
    )
    # The generated model a snapshot was read from.
    RawModel: TypeAlias = (
        DatabarTask | DeepomaticTask | FlexpriceTask | LobstrTask | LobstrRun | LobstrUpload | OpenmartTask
        | OpenmartBatch
    )  # fmt: skip
    # What a wait takes: a unit's id, or the parsed answer of a generated creator operation.
    AnyHandle: TypeAlias = (
        str | DatabarRun | DeepomaticInference | FlexpriceForceRun | OpenmartSubmitted | LobstrRun
        | LobstrUploadStarted
    )  # fmt: skip
    # The error models the generated operations parse a provider's error answers into (providers/errors.py
    # names them per provider): `taskwait.unwrap` takes them out of a creator's answer type.
    ErrorAnswer: TypeAlias = (
        DatabarError | DatabarInvalid | DeepomaticError | FlexpriceAuthError | FlexpriceError | LobstrError
        | OpenmartError
    )  # fmt: skip

# Annotations only: import these under TYPE_CHECKING (`taskwait.providers` re-exports them and builds them at run time).
__all__: list[str] = []
