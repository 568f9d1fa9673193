from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.s3_compression_type import S3CompressionType
from ..models.s3_encryption_type import S3EncryptionType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.export_metadata_field import ExportMetadataField


T = TypeVar("T", bound="S3JobConfig")


@_attrs_define
class S3JobConfig:
    """
    Attributes:
        bucket (str | Unset): S3 bucket name
        compression (S3CompressionType | Unset):
        encryption (S3EncryptionType | Unset):
        endpoint_url (str | Unset): Custom S3-compatible endpoint URL; must be https on a publicly routable host
        export_metadata_fields (list[ExportMetadataField] | Unset): Optional user-selected metadata columns
        key_prefix (str | Unset): Optional prefix for S3 keys (e.g., "flexprice-exports/")
        region (str | Unset): AWS region (e.g., "us-west-2")
        use_path_style (bool | Unset): Use path-style addressing (required for MinIO)
    """

    bucket: str | Unset = UNSET
    compression: S3CompressionType | Unset = UNSET
    encryption: S3EncryptionType | Unset = UNSET
    endpoint_url: str | Unset = UNSET
    export_metadata_fields: list[ExportMetadataField] | Unset = UNSET
    key_prefix: str | Unset = UNSET
    region: str | Unset = UNSET
    use_path_style: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        bucket = self.bucket

        compression: str | Unset = UNSET
        if not isinstance(self.compression, Unset):
            compression = self.compression.value

        encryption: str | Unset = UNSET
        if not isinstance(self.encryption, Unset):
            encryption = self.encryption.value

        endpoint_url = self.endpoint_url

        export_metadata_fields: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.export_metadata_fields, Unset):
            export_metadata_fields = []
            for export_metadata_fields_item_data in self.export_metadata_fields:
                export_metadata_fields_item = export_metadata_fields_item_data.to_dict()
                export_metadata_fields.append(export_metadata_fields_item)

        key_prefix = self.key_prefix

        region = self.region

        use_path_style = self.use_path_style

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if bucket is not UNSET:
            field_dict["bucket"] = bucket
        if compression is not UNSET:
            field_dict["compression"] = compression
        if encryption is not UNSET:
            field_dict["encryption"] = encryption
        if endpoint_url is not UNSET:
            field_dict["endpoint_url"] = endpoint_url
        if export_metadata_fields is not UNSET:
            field_dict["export_metadata_fields"] = export_metadata_fields
        if key_prefix is not UNSET:
            field_dict["key_prefix"] = key_prefix
        if region is not UNSET:
            field_dict["region"] = region
        if use_path_style is not UNSET:
            field_dict["use_path_style"] = use_path_style

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.export_metadata_field import ExportMetadataField  # noqa: PLC0415

        d = dict(src_dict)
        bucket = d.pop("bucket", UNSET)

        _compression = d.pop("compression", UNSET)
        compression: S3CompressionType | Unset
        if isinstance(_compression, Unset):
            compression = UNSET
        else:
            compression = S3CompressionType(_compression)

        _encryption = d.pop("encryption", UNSET)
        encryption: S3EncryptionType | Unset
        if isinstance(_encryption, Unset):
            encryption = UNSET
        else:
            encryption = S3EncryptionType(_encryption)

        endpoint_url = d.pop("endpoint_url", UNSET)

        _export_metadata_fields = d.pop("export_metadata_fields", UNSET)
        export_metadata_fields: list[ExportMetadataField] | Unset = UNSET
        if _export_metadata_fields is not UNSET:
            export_metadata_fields = []
            for export_metadata_fields_item_data in _export_metadata_fields:
                export_metadata_fields_item = ExportMetadataField.from_dict(export_metadata_fields_item_data)

                export_metadata_fields.append(export_metadata_fields_item)

        key_prefix = d.pop("key_prefix", UNSET)

        region = d.pop("region", UNSET)

        use_path_style = d.pop("use_path_style", UNSET)

        s3_job_config = cls(
            bucket=bucket,
            compression=compression,
            encryption=encryption,
            endpoint_url=endpoint_url,
            export_metadata_fields=export_metadata_fields,
            key_prefix=key_prefix,
            region=region,
            use_path_style=use_path_style,
        )

        s3_job_config.additional_properties = d
        return s3_job_config

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
