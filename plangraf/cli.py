"""plangraf — a knowledge graph of Swedish plans: goals, activities, indicators, data sources.

Typical session:

\b
  plangraf load --samples              # the bundled sample plans into the default store
  plangraf load plans/ handlingsplan.pdf
  plangraf stats                       # what is in the store, by class and document
  plangraf query --list                # the catalogue of named questions
  plangraf query activities-for-goal   # which activities serve which goal, and how measured
  plangraf audit --format html -o audit.html
  plangraf serve                       # browser view and SPARQL endpoint on 127.0.0.1:8000

Every command that touches the store takes --store SPEC: oxigraph:PATH (default, from
$PLANGRAF_STORE or ~/.local/share/plangraf/store), memory:, or sparql+http://HOST:PORT/PATH.
Exit codes: 0 ok, 1 findings (audit: any warning or violation), 2 error (bad input; nothing was
changed).
"""
from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from plangraf.graph.results import QueryError, QueryResult
from plangraf.graph.store import Store, StoreError, default_spec, open_store

err = Console(stderr=True, highlight=False, emoji=False)
out = Console(highlight=False, emoji=False)

STORE_HELP = ("Store SPEC: oxigraph:PATH, memory: or sparql+http://HOST:PORT/PATH "
              "[default: $PLANGRAF_STORE, else oxigraph:~/.local/share/plangraf/store, the store "
              "`make run` fills and serves].")
EXPORT_FORMATS = ["turtle", "nt", "json-ld", "trig", "nquads"]
RESULT_FORMATS = ["table", "csv", "tsv", "json", "md"]


def fail(message: str, code: int = 2) -> None:
    err.print(f"[red]error:[/red] {message}", soft_wrap=True)
    sys.exit(code)


def store_option(f):  # type: ignore[no-untyped-def]
    return click.option("--store", "store_spec", envvar="PLANGRAF_STORE", default=None,
                        metavar="SPEC", help=STORE_HELP)(f)


def get_store(spec: str | None, reads: bool = False) -> Store:
    """Open the store. An ``oxigraph:`` store held by another process (a running `plangraf serve`
    keeps its lock) is opened read-only for commands that only read (``reads``): they see what
    the server has written; a command that writes gets an error that says what to do."""
    spec = spec or default_spec()
    try:
        return open_store(spec)
    except StoreError as exc:
        if not (spec.startswith("oxigraph:") and "lock" in str(exc).lower()):
            fail(str(exc))
        if reads:
            try:
                return open_store(spec, read_only=True)
            except StoreError as again:
                fail(str(again))
        fail(f"the store {spec} is in use by another process, most likely `plangraf serve`: stop that "
             "server (Ctrl-C in its terminal) and run this command again (reading commands such as "
             "query, sparql, stats and audit work while it runs)")
        raise  # unreachable


def samples_dir() -> Path:
    return Path(str(resources.files("plangraf.samples")))


# -- output of query results ---------------------------------------------------------------
def people_labels(store: Store, res: QueryResult, fmt: str) -> dict[str, str]:
    """Labels for the plan nodes of a result that a person will read (table, md)."""
    if fmt not in ("table", "md") or res.kind != "select":
        return {}
    from plangraf.queries.render import labels_of
    return labels_of(store, res)


def print_result(res: QueryResult, fmt: str, labels: dict[str, str] | None = None) -> None:
    """Tables for people (labels and prefixed names, see plangraf.queries.render); csv, tsv and
    json keep the full IRIs."""
    from plangraf.queries.render import for_people, to_markdown, to_table
    if res.kind == "graph":
        sys.stdout.write(res.serialize("turtle").decode("utf-8"))
        return
    if fmt in ("csv", "tsv", "json"):
        body = res.serialize(fmt).decode("utf-8")
        sys.stdout.write(body if body.endswith("\n") else body + "\n")
        return
    if res.kind == "ask":
        out.print("true" if res.boolean else "false")
        return
    if fmt == "md":
        sys.stdout.write(to_markdown(res, labels))
        return
    if not out.is_terminal:  # piped: an aligned plain table, one line a row
        sys.stdout.write(to_table(res, labels=labels) + "\n")
        return
    names, rows = for_people(res, labels)
    table = Table(*names, show_lines=False)
    for row in rows:
        table.add_row(*row)
    out.print(table, markup=False)
    err.print(f"{len(res.rows)} rows{' (truncated)' if res.truncated else ''}", markup=False)


@click.group(help=__doc__, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="plangraf")
def main() -> None:
    pass


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--samples", is_flag=True, help="Also load the bundled sample documents.")
@click.option("--template", default=None, help="Force one template, a configuration or an extractor, by name "
              "(see `plangraf templates`; 'general': the general stages alone).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes extracting documents [default: the number of cores]; the store "
                   "is written from one process.")
@store_option
def load(paths: tuple[Path, ...], samples: bool, template: str | None, jobs: int | None,
         store_spec: str | None) -> None:
    """Load documents (.txt, .md, .pdf, .docx) and RDF files (.ttl, .nt, .n3, .rdf, .jsonld,
    .trig, .nq) into the store.

    Each document becomes one named graph; loading it again replaces only that graph. TriG and
    N-Quads keep their named graphs (so `plangraf export -f nquads` loads back as it was). RDF
    streams through the store's engine (memory does not grow with the file). Directories are
    searched (not recursively). In an oxigraph: store each file is loaded whole or not at all,
    even if the process is killed (the next command cleans up or finishes). A document whose id
    is taken by another file's document is refused. A file that cannot be loaded gets one error
    line and the batch goes on; the failures are listed again at the end. Exit code 2 only when
    nothing loaded.
    """
    from plangraf.graph.loading import expand_inputs
    inputs = expand_inputs(list(paths) + ([samples_dir()] if samples else []))
    if not inputs:
        fail("nothing to load: give files or directories, or --samples")
    ok, failures = run_load(get_store(store_spec), inputs, jobs, template)
    if failures:
        err.print(f"{len(failures)} failed:", markup=False)
        for f in failures:
            err.print(f"  {f}", markup=False, soft_wrap=True)
    err.print(f"{ok} loaded, {len(failures)} failed")
    if failures and not ok:
        sys.exit(2)


def run_load(store: Store, inputs: list[Path], jobs: int | None, template: str | None) -> tuple[int, list[str]]:
    """The load command's batch with a progress bar (documents/s); returns (loaded, errors)."""
    from rich.markup import escape
    from rich.progress import BarColumn, Progress, ProgressColumn, TextColumn, TimeElapsedColumn
    from rich.text import Text

    from plangraf.graph.loading import ensure_system_graphs, load_batch

    class Rate(ProgressColumn):
        def render(self, task) -> Text:  # type: ignore[no-untyped-def]
            return Text(f"{task.completed / task.elapsed:.1f} files/s" if task.elapsed else "")

    ok, failures = 0, []
    with store:
        ensure_system_graphs(store)
        with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                      Rate(), TimeElapsedColumn(), console=err, transient=True,
                      disable=not err.is_terminal) as bar:
            task = bar.add_task("loading", total=len(inputs))
            try:
                for res in load_batch(store, inputs, jobs, template,
                                      started=lambda p: bar.update(task, description=f"loading {p.name}")):
                    if res.error:
                        failures.append(res.error)
                        err.print(f"[red]error:[/red] {escape(res.error)}", soft_wrap=True, highlight=False)
                    elif res.loaded:
                        done = res.loaded
                        ok += 1
                        for w in done.warnings:
                            err.print(f"[yellow]warning:[/yellow] {w}", soft_wrap=True)
                        err.print(f"loaded {res.path.name}: {done.triples} triples into <{done.graph}> ({done.kind})",
                                  soft_wrap=True, markup=False)
                    bar.advance(task)
            except ValueError as exc:  # unknown template name
                fail(str(exc))
    return ok, failures


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Write here (default: stdout). With several inputs: a directory, one <stem>.<ext> per input.")
@click.option("-f", "--format", "fmt", type=click.Choice(["turtle", "nt", "json-ld", "xml"]), default="turtle",
              show_default=True)
@click.option("--template", default=None, help="Force one template, a configuration or an extractor, by name "
              "(see `plangraf templates`; 'general': the general stages alone).")
@click.option("--no-ontology", is_flag=True, help="Leave out the ontology's subclass axioms.")
@click.option("--debug-blocks", is_flag=True,
              help="Print the layout stage's blocks (kind, outline, line) and each block's decided kind instead.")
def extract(paths: tuple[Path, ...], output: Path | None, fmt: str, template: str | None, no_ontology: bool,
            debug_blocks: bool) -> None:
    """Extract documents' graphs to files, without a store.

    \b
      plangraf extract plan.pdf -o plan.ttl          # one document
      plangraf extract plans/*.txt -o out/           # many, in one process: out/<stem>.ttl each
      plangraf extract plan.txt --debug-blocks       # how the pipeline read it, block by block

    The output includes the ontology's subclass axioms (so pg:LongTermGoal counts as pg:Goal
    for any reader) unless --no-ontology is given. A file that cannot be read is reported and
    skipped; the exit code is then 2.
    """
    from plangraf.graph.loading import InputError, prepare
    from plangraf.loaders.pipeline import serialize_extraction
    if debug_blocks:
        from plangraf.loaders.general import debug_blocks as show_blocks
        from plangraf.loaders.inputs import read_document
        for path in paths:
            try:
                out.print(show_blocks(read_document(path)), markup=False, soft_wrap=True)
            except (InputError, ValueError) as exc:
                fail(str(exc))
        return
    many = len(paths) > 1 or (output is not None and output.is_dir())
    if many and output is None:
        fail("several inputs need -o DIR (one output file per input)")
    if many and output is not None:
        output.mkdir(parents=True, exist_ok=True)
    ext = {"turtle": "ttl", "nt": "nt", "json-ld": "jsonld", "xml": "rdf"}[fmt]
    failed = 0
    for path in paths:
        try:
            _graph, data, kind, warnings = prepare(path, template)
        except (InputError, ValueError) as exc:
            if not many:
                fail(str(exc))
            err.print(f"[red]error:[/red] {exc}", soft_wrap=True)
            failed += 1
            continue
        for w in warnings:
            err.print(f"[yellow]warning:[/yellow] {w}", soft_wrap=True)
        body, n = serialize_extraction(data, fmt, ontology=not no_ontology)
        target = output / f"{path.stem}.{ext}" if many and output is not None else output
        if target:
            target.write_bytes(body)
            err.print(f"wrote {n} triples to {target} ({kind})", markup=False)
        else:
            sys.stdout.buffer.write(body)
    if failed:
        err.print(f"{failed} of {len(paths)} inputs could not be read", markup=False)
        sys.exit(2)


@main.command()
def templates() -> None:
    """List the templates the loaders know: the form configurations the general stages read (YAML in
    plangraf/loaders/templates/; a new one is a new file there), then the general pipeline itself.
    `plangraf extract X --template NAME` forces one."""
    from plangraf.loaders.forms import form_templates
    from plangraf.loaders.registry import EXTRACTORS
    for form in form_templates():
        out.print(f"{form.name:20} (configuration) {form.description}", markup=False)
    for cls in EXTRACTORS:
        doc = (sys.modules[cls.__module__].__doc__ or "").strip().splitlines()[0]
        out.print(f"{cls.name:20} {doc}", markup=False)


@main.command()
@click.option("-f", "--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="trig", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write here (default: stdout).")
@click.option("--document", default=None, help="Only this document (its id, as `plangraf documents` shows).")
@store_option
def export(fmt: str, output: Path | None, document: str | None, store_spec: str | None) -> None:
    """Export the store (or one document's graph) as Turtle, N-Triples, JSON-LD, TriG or N-Quads."""
    from plangraf.namespace import graph_iri
    with get_store(store_spec, reads=True) as store:
        graph = None
        if document:
            graph = graph_iri(document)
            if graph not in store.graphs():
                fail(f"no document {document!r} in the store (see `plangraf documents`)")
        data = store.dump(fmt, graph)
    if output:
        output.write_bytes(data)
    else:
        sys.stdout.buffer.write(data)


@main.command()
@click.argument("query")
@click.option("-f", "--format", "fmt", type=click.Choice(RESULT_FORMATS), default="table", show_default=True)
@store_option
def sparql(query: str, fmt: str, store_spec: str | None) -> None:
    """Run a SPARQL query: a query string, or the path of a .rq file.

    The usual prefixes are predeclared (pg, rdf, rdfs, owl, xsd, skos, dct, prov, oa, org, dcat,
    time), as in GraphDB and Virtuoso: `plangraf sparql 'SELECT * WHERE { ?s a pg:Goal } LIMIT 5'`.

    The default graph is the union of all documents, the ontology and the reference data;
    use GRAPH ?g { … } to see which document a statement comes from.
    """
    from plangraf.queries.prefixes import one_line_error, predeclare
    text = Path(query).read_text(encoding="utf-8") if query.endswith(".rq") and Path(query).is_file() else query
    full, added = predeclare(text)
    with get_store(store_spec, reads=True) as store:
        try:
            res = store.query(full)
        except QueryError as exc:
            fail(one_line_error(str(exc), text, added))
            return
        labels = people_labels(store, res, fmt)
    print_result(res, fmt, labels)


@main.command()
@click.argument("document")
@store_option
def drop(document: str, store_spec: str | None) -> None:
    """Remove one document's graph from the store (the others stay)."""
    from plangraf.namespace import graph_iri
    with get_store(store_spec) as store:
        if not store.drop_graph(graph_iri(document)):
            fail(f"no document {document!r} in the store (see `plangraf documents`)")
    err.print(f"dropped {document}")


@main.command()
@click.option("-f", "--format", "fmt", type=click.Choice(RESULT_FORMATS), default="table", show_default=True)
@store_option
def documents(fmt: str, store_spec: str | None) -> None:
    """List the documents (named graphs) in the store: id, plan title, file and size.

    The id (or a unique start of it, like 003) is what --plan, --document and `drop` take.
    """
    with get_store(store_spec, reads=True) as store:
        res = store.query(DOCUMENTS_QUERY)
    print_result(res, fmt)


DOCUMENTS_QUERY = """PREFIX pg: <https://w3id.org/plangraf/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?document (SAMPLE(?title) AS ?plan) (SAMPLE(?file) AS ?fileName) (MAX(?n) AS ?triples) WHERE {
  { SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g }
  FILTER(STRSTARTS(STR(?g), "https://w3id.org/plangraf/id/graph/"))
  OPTIONAL { GRAPH ?g { ?planNode a pg:Plan ; pg:sourceDocument ?doc . } OPTIONAL { ?planNode rdfs:label ?title . }
             OPTIONAL { ?doc pg:fileName ?file . } }
  BIND(STRAFTER(STR(?g), "https://w3id.org/plangraf/id/graph/") AS ?document)
  FILTER(?document NOT IN ("ontology", "reference"))
} GROUP BY ?document ORDER BY ?document"""


@main.command()
@click.option("-f", "--format", "fmt", type=click.Choice(RESULT_FORMATS), default="table", show_default=True)
@store_option
def stats(fmt: str, store_spec: str | None) -> None:
    """Count nodes by plan and class (the plan's title in tables; its document id in csv/json)."""
    q = """PREFIX pg: <https://w3id.org/plangraf/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?document (SAMPLE(?title) AS ?plan) ?class (COUNT(DISTINCT ?node) AS ?nodes) WHERE {
  GRAPH ?g { ?node a ?c }
  FILTER(STRSTARTS(STR(?c), STR(pg:)))
  OPTIONAL { GRAPH ?g { ?planNode a pg:Plan ; pg:sourceDocument ?doc . } ?planNode rdfs:label ?title . }
  BIND(STRAFTER(STR(?g), "https://w3id.org/plangraf/id/graph/") AS ?document)
  BIND(STRAFTER(STR(?c), STR(pg:)) AS ?class)
} GROUP BY ?document ?class ORDER BY ?document ?class"""
    with get_store(store_spec, reads=True) as store:
        res = store.query(q)
        total = store.count()
    if fmt in ("table", "md"):  # the title says which plan (the reference graph has none)
        res.vars = res.vars[1:]
        res.rows = [(r[1] if r[1] is not None else r[0],) + tuple(r[2:]) for r in res.rows]
    print_result(res, fmt)
    err.print(f"{total} triples in {store.spec}", markup=False)


@main.command()
@click.argument("node")
@click.option("--context", default=2, show_default=True, help="Lines of context around the passage.")
@store_option
def show(node: str, context: int, store_spec: str | None) -> None:
    """Print a node's type, label, links and the source passage it was extracted from.

    NODE is a full IRI or the part after https://w3id.org/plangraf/id/.
    """
    from plangraf.provenance import describe
    with get_store(store_spec, reads=True) as store:
        try:
            text = describe(store, node, context=context, sources_dirs=[samples_dir()])
        except KeyError as exc:
            fail(str(exc.args[0]))
            return
    out.print(text, markup=False, soft_wrap=True)


@main.command()
@click.argument("name", required=False)
@click.option("--list", "list_", is_flag=True, help="List the named queries with their summaries.")
@click.option("-p", "--param", "params", multiple=True, metavar="KEY=VALUE", help="A query parameter.")
@click.option("-f", "--format", "fmt", type=click.Choice(RESULT_FORMATS), default="table", show_default=True)
@click.option("--show", "show_text", is_flag=True, help="Print the query text instead of running it.")
@store_option
def query(name: str | None, list_: bool, params: tuple[str, ...], fmt: str, show_text: bool,
          store_spec: str | None) -> None:
    """Run a named query from the catalogue (`plangraf query --list` shows them)."""
    from plangraf import queries as catalogue
    if list_ or not name:
        for q in catalogue.list_queries():
            out.print(f"{q.name:32} {q.summary}", markup=False, soft_wrap=True)
        return
    kv: dict[str, str] = {}
    for p in params:
        if "=" not in p:
            fail(f"--param wants KEY=VALUE, got {p!r}")
        k, v = p.split("=", 1)
        kv[k] = v
    try:
        if show_text:
            out.print(catalogue.load(name).text, markup=False)
            return
        with get_store(store_spec, reads=True) as store:
            res = catalogue.run(store, name, kv)
            labels = people_labels(store, res, fmt)
    except (KeyError, ValueError, QueryError) as exc:
        fail(str(exc.args[0]) if exc.args else str(exc))
        return
    print_result(res, fmt, labels)


@main.command()
@click.option("--plan", default=None, help="Only this document/plan (id as `plangraf documents` shows).")
@click.option("-f", "--format", "fmt", type=click.Choice(["md", "html", "json", "csv"]), default="md",
              show_default=True)
@click.option("--lang", type=click.Choice(["sv", "en"]), default="sv", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write here (default: stdout).")
@click.option("--fail-on", type=click.Choice(["violation", "warning", "info"]), default="warning",
              show_default=True, help="The lowest severity that makes the exit code 1. The default fails on "
                                      "any warning or violation, as pySHACL calls such a graph non-conformant "
                                      "(gaps in the chain are warnings; broken provenance is a violation); "
                                      "--fail-on violation lets warnings pass, like pySHACL --allow-warnings.")
@store_option
def audit(plan: str | None, fmt: str, lang: str, output: Path | None, fail_on: str,
          store_spec: str | None) -> None:
    """Check the logic chain: goals without indicators, indicators without a data source,
    activities that serve no goal or have no one responsible, nodes without provenance.

    The checks run as SPARQL queries on the store; the SHACL shapes are also validated with
    pySHACL when the data is small enough (up to 50,000 triples: one plan's graph, cut to the
    predicates the shapes read, or a small store). On a remote store the plan's graph is fetched
    as N-Triples for that.

    Exit code 1 when findings of --fail-on severity or worse exist (by default any warning or
    violation, like pySHACL's conforms=False), 0 when none, 2 on error.
    """
    from plangraf.audit import audit as run_audit
    with get_store(store_spec, reads=True) as store:
        try:
            report = run_audit(store, plan=plan, lang=lang)
        except (KeyError, ValueError) as exc:
            fail(str(exc))
            return
    if report.engine.get("shacl_failed"):
        err.print(f"warning: pySHACL {report.engine['shacl']}", markup=False, soft_wrap=True)
    text = {"md": report.to_markdown, "html": report.to_html, "json": report.to_json, "csv": report.to_csv}[fmt]()
    if output:
        output.write_text(text, encoding="utf-8")
        err.print(f"wrote {output}", markup=False)
    else:
        sys.stdout.write(text)
    worst = {"violation": ("Violation",), "warning": ("Violation", "Warning"),
             "info": ("Violation", "Warning", "Info")}[fail_on]
    sys.exit(1 if any(f.severity in worst for f in report.findings) else 0)


@main.command()
@click.option("--plan", default=None, help="Only this plan/document (id as `plangraf documents` shows).")
@click.option("--export", "export_path", type=click.Path(path_type=Path), default=None,
              help="Also write the graph for Gephi: .graphml or .gexf.")
@click.option("-k", "top", default=10, show_default=True, help="How many central activities to list.")
@store_option
def analytics(plan: str | None, export_path: Path | None, top: int, store_spec: str | None) -> None:
    """Network analysis with networkx: size and connected components per plan, nodes that bridge
    plans (the same body or data source), and the most central activities."""
    from plangraf import analytics as an
    with get_store(store_spec, reads=True) as store:
        try:
            G = an.project(store, plan)
        except (KeyError, ValueError, QueryError) as exc:
            fail(str(exc.args[0]) if exc.args else str(exc))
            return
    table = Table("plan", "nodes", "links", "components", "islands")
    for row in an.summary(G):
        table.add_row(str(row["label"]), str(row["nodes"]), str(row["links"]), str(row["components"]),
                      str(row["islands"]))
    out.print(table)
    bridges = an.bridges(G)
    if bridges:
        out.print(f"{len(bridges)} nodes bridge plans, e.g.:", markup=False)
        for b in bridges[:top]:
            plans = b.get("plans") or []
            n = len(plans) if isinstance(plans, (list, set, tuple)) else plans
            out.print(f"  {b.get('label') or b.get('node')}  ({b.get('type', '')}, in {n} plans)", markup=False)
    out.print("most central activities (betweenness):", markup=False)
    for row in an.central_activities(G, top):
        out.print(f"  {row['score']:.3f}  {row['label']}  (degree {row['degree']})", markup=False, soft_wrap=True)
    if export_path:
        an.export(G, export_path)
        err.print(f"wrote {export_path}", markup=False)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--load-samples", is_flag=True, help="Load the bundled sample documents first.")
@click.option("--update-token", envvar="PLANGRAF_UPDATE_TOKEN", default=None,
              help="Allow SPARQL Update with this bearer token (default: read-only).")
@click.option("--memory/--disk", default=True, envvar="PLANGRAF_MEMORY", show_default=True,
              help="--memory copies an oxigraph: store into RAM in the background and, once the copy "
                   "is ready, answers queries from it, about 5x faster; the copy takes ~1 s and ~60 MB "
                   "per 100,000 quads (10 s and 600 MB for a million) and until then queries read the "
                   "disk store, so the server answers at once. --disk: little RAM, slower queries. "
                   "Writes always reach the disk store.")
@store_option
def serve(host: str, port: int, load_samples: bool, update_token: str | None, memory: bool,
          store_spec: str | None) -> None:
    """Serve the network view (/view), the SPARQL endpoint (/sparql) and the REST API (/docs)."""
    import logging

    import uvicorn

    from plangraf.api.app import Settings, create_app
    if load_samples:
        from plangraf.graph.loading import ensure_system_graphs, expand_inputs, load_one
        with get_store(store_spec) as store:
            ensure_system_graphs(store)
            for path in expand_inputs([samples_dir()]):
                load_one(store, path)
    settings = Settings(store=store_spec or default_spec(), update_token=update_token, warm_view=True,
                        memory=memory)
    err.print(f"plangraf on http://{host}:{port}/view  (SPARQL: /sparql, API docs: /docs)", markup=False)
    # The store logs the copy ("copied 91,701 quads into memory in 0.6 s") when it is ready.
    said = logging.StreamHandler(sys.stderr)
    logs = [logging.getLogger("plangraf.api"), logging.getLogger("plangraf.store")]  # the store logs the copy
    for log in logs:
        log.addHandler(said)
        log.setLevel(logging.INFO)
    try:
        # access_log=False: at log level warning uvicorn would format no access line anyway
        uvicorn.run(create_app(settings), host=host, port=port, log_level="warning", access_log=False)
    finally:
        for log in logs:
            log.removeHandler(said)


@main.command()
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="The HTML file to write.")
@click.option("--document", default=None, help="Only this document.")
@store_option
def view(output: Path, document: str | None, store_spec: str | None) -> None:
    """Write the network view as one offline HTML file (no network needed): the overview of the
    plans and each plan's logic chain, as /view shows them (--document: one plan)."""
    from plangraf.api.view import render_offline
    with get_store(store_spec, reads=True) as store:
        try:
            html = render_offline(store, document=document)
        except KeyError as exc:
            fail(str(exc.args[0]))
            return
    output.write_text(html, encoding="utf-8")
    err.print(f"wrote {output}", markup=False)


@main.command("ontology-docs")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write here (default: stdout).")
def ontology_docs(output: Path | None) -> None:
    """Write the ontology's HTML documentation page."""
    from plangraf.ontology.docs import render_html
    html = render_html()
    if output:
        output.write_text(html, encoding="utf-8")
    else:
        sys.stdout.write(html)


if __name__ == "__main__":
    main()
