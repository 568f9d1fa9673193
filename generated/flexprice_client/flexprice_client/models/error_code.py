from enum import StrEnum


class ErrorCode(StrEnum):
    ERR_CODE_ALREADY_EXISTS = "already_exists"
    ERR_CODE_DATABASE = "database_error"
    ERR_CODE_HTTP_CLIENT = "http_client_error"
    ERR_CODE_INTERNAL_ERROR = "internal_error"
    ERR_CODE_INVALID_OPERATION = "invalid_operation"
    ERR_CODE_NOT_FOUND = "not_found"
    ERR_CODE_NOT_IMPLEMENTED = "not_implemented"
    ERR_CODE_PERMISSION_DENIED = "permission_denied"
    ERR_CODE_SERVICE_UNAVAILABLE = "service_unavailable"
    ERR_CODE_SYSTEM_ERROR = "system_error"
    ERR_CODE_TOO_MANY_REQUESTS = "too_many_requests"
    ERR_CODE_VALIDATION = "validation_error"
    ERR_CODE_VERSION_CONFLICT = "version_conflict"

    @classmethod
    def _missing_(cls, value: object) -> "ErrorCode | None":
        """Keep a value the API document does not list as a pseudo-member instead of raising.

        Servers add values before their documents do, or send a number where a string is documented;
        raising here would lose the whole response. A value that is not text is kept as its text.
        """
        if value is None:
            return None
        text = value if isinstance(value, str) else str(value)
        member = str.__new__(cls, text)
        member._name_ = "UNDOCUMENTED"
        member._value_ = text
        return member

    def __str__(self) -> str:
        return str(self.value)
