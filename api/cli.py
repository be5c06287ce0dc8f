"""The `helsegraf` command line."""

from __future__ import annotations

import sys
import traceback
from pathlib import Path
from typing import Optional

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.table import Table

from graph.errors import StoreError
from api.rdf.graph import RdfExportError
from loaders.metadata import ManifestError
from loaders.read import ReadError
from schema.registry import RegistryError
from schema.batch import BatchError

app = typer.Typer(help="helsegraf: a knowledge graph of Norwegian health-industry policy.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)
store_app = typer.Typer(help="Manage the graph store (embedded FalkorDB or Neo4j).", no_args_is_help=True)
app.add_typer(store_app, name="store")

out = Console(soft_wrap=True, highlight=False)
_state = {"debug": False}

# Errors that are the user's to fix: shown as one line, exit code 1.
EXPECTED = (StoreError, BatchError, ReadError, ManifestError, RegistryError, RdfExportError, ValidationError,
            OSError)


@app.callback()
def _main(debug: bool = typer.Option(False, "--debug", help="show tracebacks on errors")) -> None:
    _state["debug"] = debug


def _settings():
    from graph.settings import get_settings
    return get_settings()


def _store(start: bool = True):
    from graph.backends import open_store
    return open_store(_settings(), start=start)


# -- store ----------------------------------------------------------------------------------
@store_app.command("start")
def store_start() -> None:
    """Start the embedded store (commands that need it also start it on demand)."""
    s = _settings()
    if s.backend != "embedded":
        out.print(f"backend is {s.backend}: nothing to start")
        return
    from graph.embedded import EmbeddedServer
    server = EmbeddedServer(s.data_dir)
    started = server.start(s.store_start_timeout, s.store_plan_cache)
    out.print(f"embedded store {'started' if started else 'already running'} at {server.socket}")


@store_app.command("stop")
def store_stop() -> None:
    """Stop the embedded store, saving its data."""
    s = _settings()
    if s.backend != "embedded":
        out.print(f"backend is {s.backend}: nothing to stop")
        return
    from graph.embedded import EmbeddedServer
    stopped = EmbeddedServer(s.data_dir).stop()
    out.print("embedded store stopped" if stopped else "embedded store was not running")


@store_app.command("status")
def store_status() -> None:
    """Backend, version, location and node/relationship counts."""
    with _store(start=False) as store:
        health = store.health()
        counts = store.counts()
    out.print(f"backend   {health['backend']}\nversion   {health['version']}\n"
              f"location  {health['location']}\n"
              f"nodes     {health['nodes']}\nrelationships {health['relationships']}")
    _print_counts(counts)


@store_app.command("setup")
def store_setup() -> None:
    """Create constraints and indexes (idempotent)."""
    with _store() as store:
        store.setup()
    out.print("schema set up: unique id per node kind, full-text index")


@store_app.command("wipe")
def store_wipe(yes: bool = typer.Option(False, "--yes", "-y", help="do not ask for confirmation")) -> None:
    """Delete every node and relationship."""
    with _store() as store:
        where = store.health()["location"]
        if not yes:
            if not sys.stdin.isatty():
                print("error: refusing to wipe without --yes (no terminal to confirm on)", file=sys.stderr)
                raise typer.Exit(1)
            typer.confirm(f"Delete everything in {where}?", abort=True)
        store.wipe()
    out.print(f"wiped {where}")


def _print_counts(counts: dict) -> None:
    for title, rows in (("nodes", counts["nodes"]), ("relationships", counts["relationships"])):
        if not rows:
            continue
        table = Table(title=title, show_header=False)
        for k, v in sorted(rows.items()):
            table.add_row(k, str(v))
        out.print(table)


# -- load, extract, export, query, serve ---------------------------------------------------------
@app.command()
def load(paths: list[Path] = typer.Argument(None, help="files or folders (default: the corpus)"),
         retract: Optional[str] = typer.Option(None, "--retract", metavar="DOC",
                                               help="remove one document's facts (file name or id)")) -> None:
    """Load documents into the graph (idempotent; a changed file replaces its own facts)."""
    from rich.progress import Progress

    from api.loading import load_files, retract as retract_doc
    settings = _settings()
    with _store() as store:
        if retract:
            doc_id = retract_doc(store, settings, retract)
            out.print(f"retracted {doc_id}")
            return
        targets = list(paths or [settings.corpus_dir])
        with Progress(transient=True, disable=not sys.stderr.isatty()) as bar:
            task = bar.add_task("loading", total=None)
            report = load_files(store, settings, targets,
                                progress=lambda p: bar.update(task, advance=1, description=p.name))
        counts = store.counts()
    summary = Table(title="load summary", show_header=False)
    summary.add_row("documents loaded", str(len(report.loaded)))
    summary.add_row("documents unchanged", str(len(report.unchanged)))
    summary.add_row("documents failed", str(len(report.failed)))
    summary.add_row("warnings", str(len(report.warnings)))
    out.print(summary)
    _print_counts(counts)
    for w in report.warnings:
        print(f"warning: {w}", file=sys.stderr)
    for name, reason in report.failed:
        print(f"failed: {reason}", file=sys.stderr)
    if report.failed:
        raise typer.Exit(1)


@app.command()
def extract(path: Path = typer.Argument(..., help="a document")) -> None:
    """Print what a document would load, as JSON, without a store."""
    import json

    from loaders.pipeline import extract as run_extract
    settings = _settings()
    print(json.dumps(run_extract(path, max_bytes=settings.max_file_bytes), ensure_ascii=False, indent=2))


@app.command()
def export(format: str = typer.Option("turtle", "--format", help="turtle|ntriples|nquads|trig|jsonld|rdfxml"),
           output: Optional[Path] = typer.Option(None, "-o", "--output", help="file (default: stdout)"),
           document: Optional[str] = typer.Option(None, "--document", help="only this document's statements"),
           kind: Optional[str] = typer.Option(None, "--kind", help="only nodes of this kind"),
           include_persons: bool = typer.Option(False, "--include-persons",
                                                help="include people (name, role, organisation only)"),
           reification: Optional[str] = typer.Option(
               None, "--reification", help="triple-terms (RDF 1.2, the default) | statements (RDF 1.1 "
                                           "rdf:Statement; JSON-LD always)")) -> None:
    """Export the graph as RDF (N-Triples, N-Quads and JSON-LD stream page by page)."""
    from api.rdf import export as rdf_export
    options = dict(kind=kind, document=document, include_persons=include_persons, reification=reification)
    with _store() as store:
        if output is None:
            try:
                rdf_export(store, sys.stdout.buffer, format, **options)
                sys.stdout.flush()
            except BrokenPipeError:  # `helsegraf export | head`
                sys.stderr.close()
            return
        part = output.with_name(output.name + ".part")
        try:
            with open(part, "wb") as f:
                rdf_export(store, f, format, **options)
            part.replace(output)
        finally:
            part.unlink(missing_ok=True)


@app.command()
def query(text: Optional[str] = typer.Argument(None, help="the GraphQL query text"),
          file: Optional[Path] = typer.Option(None, "--file", "-f", help="a .graphql file (e.g. from queries/)"),
          var: list[str] = typer.Option([], "--var", help="a variable: name=value (as written for a String or ID "
                                                      "variable, else parsed as JSON if it can be)"),
          ) -> None:
    """Run a GraphQL query against the store and print the JSON result."""
    import json

    from api.graphql import run_query
    if (text is None) == (file is None):
        print("error: give the query as an argument or with --file (not both)", file=sys.stderr)
        raise typer.Exit(2)
    source = file.read_text(encoding="utf-8") if file else text
    as_text = _text_variables(source)
    variables = {}
    for item in var:
        name, sep, value = item.partition("=")
        if not sep or not name:
            print(f"error: --var {item!r}: expected name=value", file=sys.stderr)
            raise typer.Exit(2)
        if name in as_text:
            variables[name] = value
            continue
        try:
            variables[name] = json.loads(value)
        except json.JSONDecodeError:
            variables[name] = value
    with _store() as store:
        body = run_query(store, source, variables, settings=_settings())
    print(json.dumps(body, ensure_ascii=False, indent=2))
    if body.get("errors"):
        raise typer.Exit(1)


def _text_variables(source: str) -> set[str]:
    """The variables the query declares as String or ID (nullable or not): `--var measure=2020` is the
    text "2020" for them, not a number the query would refuse."""
    from graphql import GraphQLError, NamedTypeNode, NonNullTypeNode, OperationDefinitionNode, parse
    try:
        document = parse(source)
    except GraphQLError:
        return set()  # the query's own error is reported when it runs
    out = set()
    for d in document.definitions:
        if isinstance(d, OperationDefinitionNode):
            for v in d.variable_definitions or ():
                t = v.type.type if isinstance(v.type, NonNullTypeNode) else v.type
                if isinstance(t, NamedTypeNode) and t.name.value in ("String", "ID"):
                    out.add(v.variable.name.value)
    return out


@app.command()
def serve(host: str = typer.Option("127.0.0.1", help="interface to listen on"),
          port: int = typer.Option(8000, help="TCP port"),
          keep_alive: int = typer.Option(
              75, min=1, help="seconds an idle HTTP connection stays open (longer than the clients' "
                              "and proxies' idle pools, so a reused connection is not closed under a request)")) -> None:
    """Serve the API (GraphQL, health).

    Uvicorn's own keep-alive is 5 s: a client that reuses a pooled connection just as the server
    closes it loses the request (seen with 50 concurrent clients). 75 s is longer than common
    client pools and load-balancer idle timeouts (60 s)."""
    import uvicorn
    from api.app import create_app
    uvicorn.run(create_app(), host=host, port=port, log_level="info", timeout_keep_alive=keep_alive)


def main() -> None:
    """Entry point: usage errors are Typer's (exit 2); ours are one line on stderr (exit 1)."""
    try:
        app()
    except EXPECTED as e:
        if _state["debug"]:
            traceback.print_exc()
        print(f"error: {_one_line(e)}", file=sys.stderr)
        sys.exit(1)


def _one_line(e: BaseException) -> str:
    if isinstance(e, ValidationError):
        first = e.errors()[0]
        return f"bad setting HELSEGRAF_{str(first['loc'][0]).upper()}: {first['msg']}"
    if isinstance(e, OSError) and e.filename:
        return f"{e.filename}: {e.strerror}"
    return str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__


if __name__ == "__main__":
    main()
