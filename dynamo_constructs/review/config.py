"""One synthesized Terraform JSON document, read into what the review needs.

cdktf writes Terraform's JSON syntax: ``resource.<type>.<name>`` bodies with meta-arguments
(``lifecycle``, ``provider``, ``depends_on``, a ``//`` metadata key), top-level ``moved``,
``removed`` and ``import`` blocks (objects or lists of objects), and providers as lists of
configurations. Everything here is plain data; nothing is evaluated yet.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .expressions import all_references
from .provider_rules import META_ARGUMENTS, REPLICA
from .values import as_list


class ConfigError(ValueError):
    """The document is not Terraform JSON the review can read (exit status 2)."""


ALL = "all"


@dataclass(frozen=True)
class Lifecycle:
    prevent_destroy: bool = False
    create_before_destroy: bool = False
    ignore_changes: tuple[str, ...] | str = ()  # attribute names, or ALL
    replace_triggered_by: tuple[str, ...] = ()

    def ignores(self, attribute: str) -> bool:
        return self.ignore_changes == ALL or attribute in self.ignore_changes


@dataclass(frozen=True)
class Resource:
    """A managed resource block: its address, arguments (meta-arguments split off) and lifecycle."""

    type: str
    name: str
    body: Mapping[str, Any]
    lifecycle: Lifecycle
    provider: str  # "aws" or "aws.<alias>"
    repeated: bool = False  # count / for_each: instances are not expanded offline
    path: str | None = None  # the construct path cdktf records ("//".metadata.path), e.g. "shop/orders/table"

    @property
    def address(self) -> str:
        return f"{self.type}.{self.name}"


@dataclass(frozen=True)
class Removed:
    address: str
    destroy: bool


@dataclass
class Config:
    """A stack's resources and refactoring blocks."""

    resources: dict[str, Resource] = field(default_factory=dict)
    moved: list[tuple[str, str]] = field(default_factory=list)
    removed: dict[str, Removed] = field(default_factory=dict)
    imports: dict[str, str] = field(default_factory=dict)  # address -> import id
    default_tags: dict[str, dict[str, Any]] = field(default_factory=dict)  # provider key -> tags
    regions: dict[str, str] = field(default_factory=dict)  # provider key -> its literal region
    locals: dict[str, Any] = field(default_factory=dict)
    _replicas: dict[str, list[str]] | None = field(default=None, repr=False, compare=False)

    def region_of(self, resource: Resource) -> str | None:
        """The literal region of the resource's provider configuration, if the document says."""
        return self.regions.get(resource.provider)

    def replicas_of(self, table: str) -> list[str]:
        """The replica resources (sorted addresses) whose ``global_table_arn`` refers to ``table``;
        read once, on the first question (the plan asks on every pass)."""
        if self._replicas is None:
            found: dict[str, list[str]] = {}
            for address, resource in sorted(self.resources.items()):
                if resource.type == REPLICA:
                    for referred in {r.address for r in all_references(resource.body.get("global_table_arn"))}:
                        found.setdefault(referred, []).append(address)
            self._replicas = found
        return self._replicas.get(table, [])

    @staticmethod
    def empty() -> Config:
        return Config()


def _blocks(value: Any, what: str) -> list[Mapping[str, Any]]:
    """A block written as an object or a list of objects, as a list."""
    items = as_list(value)
    for item in items:
        if not isinstance(item, Mapping):
            raise ConfigError(f"{what}: expected an object, got {type(item).__name__}")
    return items


def single(value: Any) -> Any:
    """A single nested block as one object: cdktf writes ``{...}`` or ``[{...}]``; ``[]`` is absent."""
    if isinstance(value, list) and len(value) <= 1 and all(isinstance(v, Mapping) for v in value):
        return value[0] if value else None
    return value


def strip_interpolation(text: str) -> str:
    """``"${aws_x.y}"`` -> ``aws_x.y`` (cdktf writes some meta-argument references interpolated)."""
    text = text.strip()
    return text[2:-1].strip() if text.startswith("${") and text.endswith("}") else text


def _lifecycle(raw: Any, address: str) -> Lifecycle:
    block = single(raw)
    if block is None:
        return Lifecycle()
    if not isinstance(block, Mapping):
        raise ConfigError(f"{address}: lifecycle must be an object")
    ignore_raw = block.get("ignore_changes", ())
    ignore: tuple[str, ...] | str
    if isinstance(ignore_raw, str):
        ignore = ALL if strip_interpolation(ignore_raw) == ALL else (_root_attribute(ignore_raw),)
    else:
        names = tuple(_root_attribute(str(item)) for item in ignore_raw or ())
        ignore = ALL if ALL in names else names
    triggers = tuple(strip_interpolation(str(t)) for t in block.get("replace_triggered_by", ()) or ())
    return Lifecycle(prevent_destroy=_truthy(block.get("prevent_destroy")),
                     create_before_destroy=_truthy(block.get("create_before_destroy")),
                     ignore_changes=ignore, replace_triggered_by=triggers)


def _truthy(value: Any) -> bool:
    return value is True or (isinstance(value, str) and value.lower() == "true")


def _root_attribute(path: str) -> str:
    """``tags["Owner"]`` or ``global_secondary_index[0].name`` -> the top-level attribute name."""
    text = strip_interpolation(path)
    for separator in ("[", "."):
        text = text.split(separator, 1)[0]
    return text.strip()


def _provider_key(raw: Any) -> str:
    return strip_interpolation(str(raw)) if raw else ""


def _metadata_path(body: Mapping[str, Any]) -> str | None:
    metadata = body.get("//")
    inner = metadata.get("metadata") if isinstance(metadata, Mapping) else None
    path = inner.get("path") if isinstance(inner, Mapping) else None
    return path if isinstance(path, str) else None


def parse(doc: Any, origin: str = "document") -> Config:
    """Read one Terraform JSON document (``cdk.tf.json``); raise ConfigError when it is not one."""
    if not isinstance(doc, Mapping):
        raise ConfigError(f"{origin}: expected a Terraform JSON object at the top level")
    known = {"resource", "terraform", "provider", "data", "output", "variable", "locals", "moved", "removed",
             "import", "module", "check", "//"}
    if not set(doc) & (known - {"//"}):
        raise ConfigError(f"{origin}: not Terraform JSON (none of resource, terraform, provider, ... at the top level)")
    config = Config()
    resources = doc.get("resource", {}) or {}
    if not isinstance(resources, Mapping):
        raise ConfigError(f"{origin}: 'resource' must be an object of resource types")
    for rtype, named in resources.items():
        if not isinstance(named, Mapping):
            raise ConfigError(f"{origin}: resource.{rtype} must be an object of named resources")
        for name, raw_body in named.items():
            bodies = _blocks(raw_body, f"{origin}: resource.{rtype}.{name}")
            body = dict(bodies[0]) if bodies else {}
            address = f"{rtype}.{name}"
            config.resources[address] = Resource(
                type=rtype, name=name,
                body={k: v for k, v in body.items() if k not in META_ARGUMENTS},
                lifecycle=_lifecycle(body.get("lifecycle"), address),
                provider=_provider_key(body.get("provider")) or rtype.split("_", 1)[0],
                repeated="count" in body or "for_each" in body,
                path=_metadata_path(body),
            )
    for block in _blocks(doc.get("moved"), f"{origin}: moved"):
        source, target = block.get("from"), block.get("to")
        if not isinstance(source, str) or not isinstance(target, str):
            raise ConfigError(f"{origin}: a moved block needs string 'from' and 'to'")
        config.moved.append((strip_interpolation(source), strip_interpolation(target)))
    for block in _blocks(doc.get("removed"), f"{origin}: removed"):
        source = block.get("from")
        if not isinstance(source, str):
            raise ConfigError(f"{origin}: a removed block needs a string 'from'")
        life = single(block.get("lifecycle")) or {}
        destroy = life.get("destroy", True) if isinstance(life, Mapping) else True
        address = strip_interpolation(source)
        config.removed[address] = Removed(address, destroy is not False and str(destroy).lower() != "false")
    for block in _blocks(doc.get("import"), f"{origin}: import"):
        target = block.get("to")
        if not isinstance(target, str):
            raise ConfigError(f"{origin}: an import block needs a string 'to'")
        config.imports[strip_interpolation(target)] = str(block.get("id", ""))
    providers = doc.get("provider", {}) or {}
    if isinstance(providers, Mapping):
        for pname, configs in providers.items():
            for pconfig in _blocks(configs, f"{origin}: provider.{pname}"):
                alias = pconfig.get("alias")
                key = f"{pname}.{alias}" if alias else pname
                tags_block = single(pconfig.get("default_tags"))
                tags = tags_block.get("tags") if isinstance(tags_block, Mapping) else None
                config.default_tags[key] = dict(tags) if isinstance(tags, Mapping) else {}
                region = pconfig.get("region")
                if isinstance(region, str) and region and "${" not in region:
                    config.regions[key] = region
    for block in _blocks(doc.get("locals"), f"{origin}: locals"):
        config.locals.update(block)
    return config
