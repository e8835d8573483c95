"""The ``mlplan`` command line. The only module that imports typer.

Commands stay thin: they parse options, call the core, and hand results to
``render`` (people) or print JSON (scripts). mlplan's exceptions and click's
usage errors are turned into one-line messages and exit codes in
``_MlplanGroup.main``, the one place that does it.
"""

from __future__ import annotations

import json
import sys
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from mlplan import __version__
from mlplan.errors import MlplanError


class _MlplanGroup(TyperGroup):
    """Typer group that reports errors in one line instead of panels or tracebacks."""

    def main(
        self,
        args: Any = None,
        prog_name: Any = None,
        complete_var: Any = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except typer.TyperException as exc:  # click's usage errors, vendored by typer
            ctx = getattr(exc, "ctx", None)
            hint = f" (see `{ctx.command_path} --help`)" if ctx is not None and exc.exit_code == 2 else ""
            _fail(exc.format_message() + hint, exc.exit_code)
        except typer.Abort:
            _fail("aborted", 1)
        except MlplanError as exc:
            _fail(str(exc), exc.exit_code)
        code = code if isinstance(code, int) else 0
        if standalone_mode:
            sys.exit(code)
        return code


def _fail(message: str, code: int) -> None:
    for line in message.splitlines() or [""]:
        print(f"Error: {line}", file=sys.stderr)
    sys.exit(code)


app = typer.Typer(
    cls=_MlplanGroup,
    help="Plan your machine-learning self-study around the hours you really have.",
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts instead of a table.")]


def _print_json(data: Any) -> None:
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False))


def _version(value: bool) -> None:
    if value:
        typer.echo(f"mlplan {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def _root(
    ctx: typer.Context,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Plan your machine-learning self-study around the hours you really have."""
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())


@app.command()
def roadmaps(as_json: JsonOption = False) -> None:
    """List the roadmaps you can plan with."""
    from mlplan import catalog

    rows = [
        roadmap.overview() | {"origin": entry.origin}
        for entry, roadmap in ((e, catalog.load_entry(e)) for e in catalog.entries())
    ]
    if as_json:
        _print_json(rows)
        return
    from mlplan import render

    render.console().print(render.roadmaps_table(rows))


@app.command()
def show(
    roadmap_id: Annotated[str, typer.Argument(metavar="ID", help="Roadmap id, as listed by `mlplan roadmaps`.")],
    as_json: JsonOption = False,
) -> None:
    """Show a roadmap's stages, units and items with their hours."""
    from mlplan import catalog

    roadmap = catalog.load(roadmap_id)
    if as_json:
        _print_json(roadmap.model_dump(mode="json"))
        return
    from mlplan import render

    render.console().print(render.roadmap_tree(roadmap))


HoursOpt = Annotated[float | None, typer.Option("--hours", help="Study hours per week, in quarter hours (default 10).")]
DaysOpt = Annotated[
    str | None,
    typer.Option("--days", help="Study days, like mon,wed,sat, or with hours: mon=1,wed=1,sat=4 (default mon-fri)."),
]
StartOpt = Annotated[str | None, typer.Option("--start", help="First day of the plan, YYYY-MM-DD (default today).")]
OffOpt = Annotated[
    list[str] | None,
    typer.Option("--off", help="A day off, YYYY-MM-DD, or a range FIRST..LAST; repeat for more."),
]
FromOpt = Annotated[str | None, typer.Option("--from", help="Start the roadmap at this unit id.")]
SkipOpt = Annotated[str | None, typer.Option("--skip", help="Unit or item ids you already know, comma-separated.")]
DailyCapOpt = Annotated[float | None, typer.Option("--daily-cap", help="At most this many hours on any day.")]
MinPartOpt = Annotated[
    str | None, typer.Option("--min-part", help="Shortest piece an item is split into (default 30m).")
]


@app.command()
def plan(
    roadmap_id: Annotated[str, typer.Argument(metavar="ROADMAP", help="Roadmap id, as listed by `mlplan roadmaps`.")],
    hours: HoursOpt = None,
    days: DaysOpt = None,
    start: StartOpt = None,
    off: OffOpt = None,
    from_unit: FromOpt = None,
    skip: SkipOpt = None,
    daily_cap: DailyCapOpt = None,
    min_part: MinPartOpt = None,
    as_json: JsonOption = False,
) -> None:
    """Preview how a roadmap fits your week, without saving anything."""
    from mlplan import catalog, clock
    from mlplan.availability import build_availability, parse_date
    from mlplan.scheduler import build_schedule
    from mlplan.selection import study_items

    roadmap = catalog.load(roadmap_id)
    availability = build_availability(
        start=parse_date(start, "--start") if start else clock.today(),
        hours=hours,
        days=days,
        off=off,
        daily_cap=daily_cap,
        min_part=min_part,
    )
    items = study_items(roadmap, from_unit, _id_list(skip))
    schedule = build_schedule(items, availability)
    if as_json:
        _print_json({"roadmap": roadmap.id} | schedule.to_dict())
        return
    from mlplan import render

    out = render.console()
    out.print(render.schedule_summary(roadmap, schedule, availability))
    out.print(render.schedule_weeks_table(schedule, {unit.id: unit.title for unit in roadmap.units()}))


def _id_list(text: str | None) -> list[str]:
    return [part.strip() for part in (text or "").split(",") if part.strip()]


def main() -> None:
    """Console-script entry point."""
    app()
