"""Contains all the data models used in inputs/outputs"""

from .bounding_box import BoundingBox
from .error_detail import ErrorDetail
from .image_input import ImageInput
from .inference_input import InferenceInput
from .inference_request import InferenceRequest
from .inference_response import InferenceResponse
from .point import Point
from .task import Task
from .task_data_type_0 import TaskDataType0
from .task_list import TaskList

__all__ = (
    "BoundingBox",
    "ErrorDetail",
    "ImageInput",
    "InferenceInput",
    "InferenceRequest",
    "InferenceResponse",
    "Point",
    "Task",
    "TaskDataType0",
    "TaskList",
)
