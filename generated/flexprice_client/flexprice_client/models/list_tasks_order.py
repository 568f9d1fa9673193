from enum import StrEnum


class ListTasksOrder(StrEnum):
    ASC = "asc"
    DESC = "desc"

    @classmethod
    def _missing_(cls, value: object) -> "ListTasksOrder | None":
        """Keep a value the API document does not list as a pseudo-member instead of raising.

        Servers add values before their documents do; raising here would lose the response.
        """
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = "UNDOCUMENTED"
        member._value_ = value
        return member

    def __str__(self) -> str:
        return str(self.value)
