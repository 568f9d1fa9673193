from enum import StrEnum


class Status(StrEnum):
    STATUS_ARCHIVED = "archived"
    STATUS_DELETED = "deleted"
    STATUS_PUBLISHED = "published"

    @classmethod
    def _missing_(cls, value: object) -> "Status | None":
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
