"""Contains all the data models used in inputs/outputs"""

from .enrichment_bulk_run_request import EnrichmentBulkRunRequest
from .enrichment_bulk_run_request_params_item import EnrichmentBulkRunRequestParamsItem
from .enrichment_run_request import EnrichmentRunRequest
from .enrichment_run_request_params import EnrichmentRunRequestParams
from .export_status import ExportStatus
from .flow_bulk_run_request import FlowBulkRunRequest
from .flow_bulk_run_request_inputs_item import FlowBulkRunRequestInputsItem
from .flow_run_request import FlowRunRequest
from .flow_run_request_inputs import FlowRunRequestInputs
from .http_error import HTTPError
from .http_validation_error import HTTPValidationError
from .pagination_options import PaginationOptions
from .run_response import RunResponse
from .table_export_request import TableExportRequest
from .table_run_enrichment_request import TableRunEnrichmentRequest
from .table_run_enrichment_request_run_strategy import TableRunEnrichmentRequestRunStrategy
from .table_run_enrichment_response import TableRunEnrichmentResponse
from .task import Task
from .task_data_type_1 import TaskDataType1
from .task_progress import TaskProgress
from .validation_error import ValidationError
from .waterfall_bulk_run_request import WaterfallBulkRunRequest
from .waterfall_bulk_run_request_params_item import WaterfallBulkRunRequestParamsItem
from .waterfall_run_request import WaterfallRunRequest
from .waterfall_run_request_params import WaterfallRunRequestParams

__all__ = (
    "EnrichmentBulkRunRequest",
    "EnrichmentBulkRunRequestParamsItem",
    "EnrichmentRunRequest",
    "EnrichmentRunRequestParams",
    "ExportStatus",
    "FlowBulkRunRequest",
    "FlowBulkRunRequestInputsItem",
    "FlowRunRequest",
    "FlowRunRequestInputs",
    "HTTPError",
    "HTTPValidationError",
    "PaginationOptions",
    "RunResponse",
    "TableExportRequest",
    "TableRunEnrichmentRequest",
    "TableRunEnrichmentRequestRunStrategy",
    "TableRunEnrichmentResponse",
    "Task",
    "TaskDataType1",
    "TaskProgress",
    "ValidationError",
    "WaterfallBulkRunRequest",
    "WaterfallBulkRunRequestParamsItem",
    "WaterfallRunRequest",
    "WaterfallRunRequestParams",
)
