from enum import StrEnum


class ExportMetadataEntityType(StrEnum):
    EXPORT_METADATA_ENTITY_TYPE_CUSTOMER = "customer"
    EXPORT_METADATA_ENTITY_TYPE_WALLET = "wallet"

    @classmethod
    def _missing_(cls, value: object) -> "ExportMetadataEntityType | None":
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
