from enum import StrEnum


class EntityType(StrEnum):
    ENTITY_TYPE_CUSTOMERS = "CUSTOMERS"
    ENTITY_TYPE_EVENTS = "EVENTS"
    ENTITY_TYPE_FEATURES = "FEATURES"
    ENTITY_TYPE_PRICES = "PRICES"
    EXPORT_ENTITY_TYPE_CREDIT_TOPUPS = "credit_topups"
    EXPORT_ENTITY_TYPE_CREDIT_USAGE = "credit_usage"
    EXPORT_ENTITY_TYPE_EVENTS = "events"
    EXPORT_ENTITY_TYPE_INVOICE = "invoice"
    EXPORT_ENTITY_TYPE_USAGE_ANALYTICS = "usage_analytics"

    @classmethod
    def _missing_(cls, value: object) -> "EntityType | None":
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
