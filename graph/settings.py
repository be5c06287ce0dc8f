"""Configuration: environment variables with the HELSEGRAF_ prefix (pydantic-settings).

The README lists every setting; a test checks that the list and this class agree.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parents[1]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="HELSEGRAF_", extra="ignore")

    backend: Literal["embedded", "neo4j"] = Field(
        "embedded", description="`embedded` (FalkorDB child process) or `neo4j`")
    data_dir: Path = Field(Path("var"), description="where the embedded store keeps its socket, pid file and data")
    graph_name: str = Field("helsegraf", description="graph (embedded) name")
    neo4j_uri: str = Field("bolt://localhost:7687", description="`bolt://`, `neo4j://` or `neo4j+s://` URI")
    neo4j_user: str = Field("neo4j", description="Neo4j user")
    neo4j_password: SecretStr = Field(SecretStr(""), description="Neo4j password (no default)")
    neo4j_database: str = Field("neo4j", description="Neo4j database")
    write_batch_size: int = Field(1000, ge=1, description="rows per `UNWIND` statement when writing")
    store_start_timeout: float = Field(20.0, gt=0, description="seconds to wait for the embedded store to start")
    store_plan_cache: int = Field(
        128, ge=1, le=100_000,
        description="query plans the embedded store keeps (FalkorDB's CACHE_SIZE, default 25 there): a query "
                    "text not among them is parsed and planned again on every run (bench/plan_cache.py); each "
                    "kept plan costs up to ~0.35 MB (the largest cookbook queries); read when the store starts")
    query_timeout: float = Field(30.0, gt=0, description="seconds a read query may run")
    corpus_dir: Path = Field(REPO_ROOT / "data" / "corpus", description="the default corpus loaded by `helsegraf load`")
    max_file_bytes: int = Field(20_000_000, ge=1, description="files larger than this are refused by the loaders")
    base_iri: str = Field("https://w3id.org/helsegraf",
                          description="base of the RDF IRIs: `{base}/id/{kind}/{slug}`; by default the persistent "
                                      "namespace the ontology uses (https://w3id.org/helsegraf/ns#); the server "
                                      "answers `/id/…`, `/graph/…` by path on whatever host serves them")
    rdf_include_persons: bool = Field(
        False, description="serve people (name, role, organisation) over HTTP: `/rdf`, `/id/person/…`, `/sparql`")
    rdf_license: str = Field("https://creativecommons.org/licenses/by/4.0/",
                             description="the licence the dataset description (DCAT) states")
    rdf_publisher: str = Field("helsegraf", min_length=1, description="the RDF dataset's publisher (`dcterms:publisher`, its `foaf:name`)")
    rdf_reification: Literal["triple-terms", "statements"] = Field(
        "triple-terms", description="how the RDF export names the fact a statement's evidence is about: "
                                    "`triple-terms` (RDF 1.2 `rdf:reifies <<( s p o )>>`) or `statements` (RDF 1.1 "
                                    "`rdf:Statement`); JSON-LD always uses `statements`; `?reification=` overrides")
    rdf_contact: str | None = Field(None, description="a contact page (http(s) URL) for the RDF dataset: `dcat:contactPoint` (a `vcard:Kind` with `vcard:hasURL`); none by default")
    graphql_timeout: float = Field(10.0, gt=0, description="seconds a GraphQL request may take")
    graphql_max_depth: int = Field(12, ge=1, description="deepest field nesting a GraphQL query may have")
    graphql_max_aliases: int = Field(30, ge=0, description="aliases a GraphQL query may use")
    graphql_max_complexity: int = Field(100_000, ge=1, description="estimated cost limit (fields × page sizes)")
    graphql_default_page_size: int = Field(100, ge=1, description="page size when a list has no limit/first/last")
    graphql_max_page_size: int = Field(1000, ge=1, description="largest limit/first/last accepted")
    graphql_max_query_chars: int = Field(20_000, ge=100, description="longest GraphQL query text accepted")
    graphql_max_variables_chars: int = Field(100_000, ge=100, description="largest GraphQL variables (as JSON) accepted")
    sparql_timeout: float = Field(10.0, gt=0, description="seconds a SPARQL query may run (then it is stopped: 503)")
    sparql_max_result_bytes: int = Field(20_000_000, ge=1000, description="largest serialised SPARQL result (then 413)")
    cypher_log: Path | None = Field(None, description="if set, every Cypher statement run is appended here (the lint gate reads it)")


@lru_cache
def get_settings() -> Settings:
    return Settings()
