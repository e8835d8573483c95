"""The ``mlplan`` command line. The only module that imports typer.

Commands stay thin: they parse options, call the core, and hand results to
``render`` (people) or print JSON (scripts). mlplan's exceptions and click's
usage errors are turned into one-line messages and exit codes in
``_MlplanGroup.main``, the one place that does it.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from typer.core import TyperCommand, TyperGroup

from mlplan import __version__
from mlplan.cards import DEFAULT_REVIEW_MINUTES, MAX_REVIEW_MINUTES, MINUTES_PER_CARD
from mlplan.errors import MlplanError, Note, RoadmapInvalid, UsageError, Worded

OPTION_OF = {
    "alarm": "--alarm",
    "at": "--at",
    "break": "--break",
    "by": "--by",
    "daily_cap": "--daily-cap",
    "date": "--date",
    "days": "--days",
    "force": "--force",
    "from_date": "--from-date",
    "from_unit": "--from",
    "hours": "--hours",
    "id": "--id",
    "keep_end": "--keep-end",
    "max_hours": "--max-hours",
    "max_size": "--max-size",
    "min_part": "--min-part",
    "name": "--name",
    "off": "--off",
    "out": "--out",
    "rating": "--rating",
    "skip": "--skip",
    "start": "--start",
    "svg": "--svg",
    "tz": "--tz",
}
"""The option that sets each choice the core names (``errors.Worded``)."""


def worded(message: MlplanError | Note) -> str:
    """An error's or a note's message as the command line says it: choices named by their options."""
    return message.worded(OPTION_OF) if isinstance(message, Worded) else str(message)


if TYPE_CHECKING:  # what the mixin extends, for its types (at run time it sits before typer's class in the MRO)
    _Command = TyperCommand
else:
    _Command = object


class _OneLineErrors(_Command):
    """Report errors in one line instead of panels or tracebacks (mixed into typer's group and command)."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        try:
            code = super().main(
                args, prog_name, complete_var, standalone_mode=False, windows_expand_args=windows_expand_args, **extra
            )
        except typer.TyperException as exc:  # click's usage errors, vendored by typer
            ctx = getattr(exc, "ctx", None)
            hint = f" (see `{ctx.command_path} --help`)" if ctx is not None and exc.exit_code == 2 else ""
            _fail(exc.format_message() + hint, exc.exit_code)
        except typer.Abort:
            _fail("aborted", 1)
        except MlplanError as exc:
            _fail(worded(exc), exc.exit_code, lines=isinstance(exc, RoadmapInvalid))
        code = code if isinstance(code, int) else 0
        if standalone_mode:
            sys.exit(code)
        return code


COMMAND_ORDER = (
    "start",
    "today",
    "week",
    "done",
    "skip",
    "reopen",
    "undo",
    "log",
    "history",
    "status",
    "replan",
    "plan",
    "plans",
    "switch",
    "delete",
    "roadmaps",
    "show",
    "import",
    "export",
    "import-plan",
    "paths",
)


class _MlplanGroup(_OneLineErrors, TyperGroup):
    """The mlplan command group; ``--help`` lists commands in the order a learner meets them."""

    def list_commands(self, ctx: Any) -> list[str]:
        names = super().list_commands(ctx)
        return sorted(names, key=lambda n: COMMAND_ORDER.index(n) if n in COMMAND_ORDER else len(COMMAND_ORDER))

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """Each command with its whole first sentence, wrapped, instead of click's cut one ("...")."""
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit=sys.maxsize)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


class _MlplanCommand(_OneLineErrors, TyperCommand):
    """A command run on its own (the fast path of ``mlplan today``)."""


def _fail(message: str, code: int, lines: bool = False) -> None:
    """Print ``message`` as one ``Error:`` line (one per problem with ``lines``) and exit with ``code``.

    A message may quote what was typed, so control characters and line breaks
    in it are shown escaped, never sent raw to the terminal.
    """
    from mlplan.safe_text import escaped

    for line in message.split("\n") if lines else [message]:
        print(f"Error: {escaped(line)}", file=sys.stderr)
    sys.exit(code)


app = typer.Typer(
    cls=_MlplanGroup,
    help="Plan your machine-learning self-study around the hours you really have.",
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts instead of a table.")]


def _print_json(data: Any) -> None:
    typer.echo(_json_text(data))


def _json_text(data: Any) -> str:
    """The ``--json`` contract: stable keys, and hours always floats (one type per key)."""
    from mlplan.hours import hours_as_floats

    return json.dumps(hours_as_floats(data), indent=2, ensure_ascii=False)


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


roadmaps_app = typer.Typer(cls=_MlplanGroup, help="List the roadmaps you can plan with (bundled and your own).")
app.add_typer(roadmaps_app, name="roadmaps")


@roadmaps_app.callback(invoke_without_command=True)
def roadmaps(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """List the roadmaps you can plan with (bundled and your own)."""
    if ctx.invoked_subcommand is not None:
        return
    from mlplan import catalog
    from mlplan.safe_text import escaped

    skipped: list[Any] = []
    rows = catalog.overviews(skipped)
    for entry, exc in skipped:
        typer.echo(escaped(f"Warning: skipping your roadmap {entry.path}: {str(exc).splitlines()[0]}"), err=True)
    if as_json:
        _print_json(rows)
        return
    from mlplan import render

    render.print_listing(render.console(), render.roadmaps_table(rows), render.roadmaps_lines(rows))


@roadmaps_app.command("export")
def roadmaps_export(
    roadmap_id: Annotated[str, typer.Argument(metavar="ID", help="Roadmap id, as listed by `mlplan roadmaps`.")],
    out: Annotated[
        str | None, typer.Option("--out", "-o", help="File to write (default or '-': standard output).")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace the file if it exists.")] = False,
) -> None:
    """Write a roadmap as commented YAML, to edit and import back."""
    from mlplan import catalog
    from mlplan.roadmap_file import dump_roadmap

    _write(dump_roadmap(catalog.load(roadmap_id)), out, force)


@roadmaps_app.command("remove")
def roadmaps_remove(
    roadmap_id: Annotated[str, typer.Argument(metavar="ID", help="One of your own roadmaps.")],
    force: Annotated[bool, typer.Option("--force", help="Remove it even if a plan was made from it.")] = False,
) -> None:
    """Remove one of your own roadmaps (plans made from it keep their copy)."""
    from mlplan import catalog, plans

    path = catalog.remove_user_roadmap(roadmap_id, used_by=None if force else plans.plans_using)
    typer.echo(f"Removed {roadmap_id} ({path}).")


@app.command("import")
def import_roadmap(
    file: Annotated[
        str,
        typer.Argument(metavar="FILE", help="A Markdown or YAML roadmap: a path, an http(s) link or '-' (stdin)."),
    ],
    roadmap_id: Annotated[str | None, typer.Option("--id", help="Id to save it under.")] = None,
    title: Annotated[str | None, typer.Option("--title", help="Title to give it.")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show what would be saved; save nothing.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Replace your roadmap with the same id.")] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the roadmap and the skipped lines as JSON instead of a tree.")
    ] = False,
    max_size: Annotated[
        str | None, typer.Option("--max-size", help="Read a file up to this size, like 20MB (default 10MB).")
    ] = None,
) -> None:
    """Import a roadmap from Markdown or YAML, to plan with like a bundled one."""
    from mlplan.collector import collector_paused

    # The whole command: a large roadmap is a million new objects, which the collector would scan again and again.
    with collector_paused():
        _import(file, roadmap_id, title, dry_run, force, as_json, max_size)


def _import(
    file: str,
    roadmap_id: str | None,
    title: str | None,
    dry_run: bool,
    force: bool,
    as_json: bool,
    max_size: str | None,
) -> None:
    from contextlib import nullcontext

    from mlplan import catalog
    from mlplan.roadmap_import import read_roadmap
    from mlplan.sources import IMPORT_LIMIT, parse_size, read_source

    name = "<stdin>" if file == "-" else file
    text = read_source(file, parse_size(max_size) if max_size else IMPORT_LIMIT)
    skipped: list[Any] = []
    with _status(f"Reading {name}…") if sys.stderr.isatty() else nullcontext():  # rich only on a terminal
        roadmap = read_roadmap(text, name, roadmap_id, title, skipped)
    path = None if dry_run else catalog.save_user_roadmap(roadmap, force)
    _show_import(roadmap, skipped, path, dry_run, as_json)


def _show_import(roadmap: Any, skipped: list[Any], path: Any, dry_run: bool, as_json: bool) -> None:
    if as_json:
        data = {"roadmap": roadmap.model_dump(mode="json"), "skipped": [vars(s) for s in skipped]}
        _print_json(data | ({"saved": str(path)} if path else {}))
        return
    if dry_run:
        from mlplan import render

        render.console().print(render.roadmap_tree(roadmap))
        typer.echo(render.skipped_summary(skipped))
        typer.echo(_import_summary(roadmap) + " Dry run: nothing saved.")
        return
    typer.echo(f"Imported {roadmap.id}: " + _import_summary(roadmap) + f" Saved to {path}.")
    if skipped:
        shown = f"Skipped {len(skipped)} lines (headings, list items and links not in the roadmap)"
        typer.echo(shown + "; see them with --dry-run.", err=True)
    typer.echo(f"Plan with it: mlplan plan {roadmap.id}  ·  mlplan start {roadmap.id}", err=True)


def _status(message: str) -> Any:
    from mlplan import render

    return render.console(stderr=True).status(render.Text(message))


def _import_summary(roadmap: Any) -> str:
    from mlplan.wording import plural

    o = roadmap.overview()
    return (
        f"{plural(o['stages'], 'stage')}, {plural(o['units'], 'unit')}, {plural(o['items'], 'item')}, {o['hours']:g} h "
        f"({o['estimated_hours']:g} h estimated)."
    )


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


HoursOpt = Annotated[
    str | None,
    typer.Option("--hours", help="Study hours per week, like 6, 7.5 or 7h30m, in quarter hours (default 10)."),
]
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
DailyCapOpt = Annotated[
    str | None, typer.Option("--daily-cap", help="At most this many hours on any day, like 2 or 1h30m.")
]
MinPartOpt = Annotated[
    str | None, typer.Option("--min-part", help="Shortest piece an item is split into (default 30m).")
]
ByOpt = Annotated[
    str | None, typer.Option("--by", help="Finish by this date, YYYY-MM-DD: uses the fewest weekly hours that do.")
]
BreakOpt = Annotated[
    list[str] | None,
    typer.Option("--break", help="A planned pause FIRST..LAST (or one date): no study; repeat for more."),
]
ReviewMinutesOpt = Annotated[
    int | None,
    typer.Option(
        "--review-minutes",
        min=0,
        max=MAX_REVIEW_MINUTES,
        help=f"Daily time for reviews of finished topics, {MINUTES_PER_CARD} min a card; 0 turns reviews off "
        f"(default {DEFAULT_REVIEW_MINUTES}).",
        show_default=False,
    ),
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
    by: ByOpt = None,
    break_: BreakOpt = None,
    as_json: JsonOption = False,
) -> None:
    """Preview how a roadmap fits your week, without saving anything."""
    from mlplan import catalog, deadline
    from mlplan.scheduler import build_schedule
    from mlplan.selection import study_items

    roadmap = catalog.load(roadmap_id)
    availability = _availability(start, "start", hours, days, off, daily_cap, min_part)
    items = study_items(roadmap, from_unit, _id_list(skip))
    availability, needs, extra = deadline.for_new_plan(items, availability, by=by, hours=hours, breaks=break_ or [])
    schedule = build_schedule(items, availability)
    if as_json:
        _print_json({"roadmap": roadmap.id} | schedule.to_dict() | {"deadline": extra.get("deadline")})
        return
    from mlplan import render

    out = render.console()
    if needs:
        typer.echo(needs)
    out.print(
        render.schedule_summary(
            roadmap.title, roadmap.id, roadmap.hours_per_week, schedule, availability, "Plan preview"
        )
    )
    out.print(render.schedule_weeks_table(schedule, {unit.id: unit.title for unit in roadmap.units()}))


PlanOpt = Annotated[str | None, typer.Option("--plan", help="Use this plan instead of the current one.")]
DateOpt = Annotated[str | None, typer.Option("--date", help="The day to use, YYYY-MM-DD (default today).")]
RecordDateOpt = Annotated[
    str | None, typer.Option("--date", help="The day you did it, YYYY-MM-DD (default today; not a future day).")
]
OutOpt = Annotated[str | None, typer.Option("--out", "-o", help="File to write (default or '-': standard output).")]
ForceOpt = Annotated[bool, typer.Option("--force", help="Replace the file if it exists.")]
YesOpt = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask; use the defaults or go ahead.")]


def _interactive() -> bool:
    """True when a person can answer questions (stdin and stdout are terminals)."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def _style():
    """typer's colouring, or none when stdout is not a terminal or NO_COLOR is set."""
    import os

    from mlplan.daily_text import plain

    if os.environ.get("NO_COLOR") or not sys.stdout.isatty():
        return plain
    return typer.style


def _day(text: str | None, recording: bool = False) -> Any:
    """The ``--date`` given, else today; ``recording`` refuses a future day."""
    from mlplan import clock
    from mlplan.clock import parse_date

    day = parse_date(text, "date") if text else clock.today()
    return clock.not_future(day) if recording else day


@app.command()
def start(
    roadmap_id: Annotated[
        str | None, typer.Argument(metavar="[ROADMAP]", help="Roadmap id (default zero-to-engineer-16w).")
    ] = None,
    hours: HoursOpt = None,
    days: DaysOpt = None,
    start: StartOpt = None,
    off: OffOpt = None,
    from_unit: FromOpt = None,
    skip: SkipOpt = None,
    daily_cap: DailyCapOpt = None,
    min_part: MinPartOpt = None,
    by: ByOpt = None,
    break_: BreakOpt = None,
    review_minutes: ReviewMinutesOpt = None,
    at: Annotated[str, typer.Option("--at", help="Time of day you study, HH:MM (for calendars).")] = "19:00",
    tz: Annotated[
        str | None, typer.Option("--tz", help="Your time zone, like Europe/Paris (default: the system's).")
    ] = None,
    name: Annotated[
        str | None,
        typer.Option("--name", help="Name of the plan (default: the roadmap id; when taken, asked or ID-2)."),
    ] = None,
    yes: YesOpt = False,
) -> None:
    """Fit a roadmap into your week, save it as your plan and show the first session."""
    from mlplan import catalog, deadline, plans
    from mlplan.availability import local_time_zone, parse_time_of_day, parse_time_zone
    from mlplan.selection import study_items
    from mlplan.start_questions import DEFAULT_ROADMAP

    asker = _Asker(yes)
    roadmap_id, weekly, days, start = _ask_start(asker, roadmap_id, hours, days, start, ask_hours=by is None)
    roadmap = catalog.load(roadmap_id or DEFAULT_ROADMAP)
    availability = _availability(start, "start", weekly, days, off, daily_cap, min_part)
    items = study_items(roadmap, from_unit, _id_list(skip))
    availability, needs, extra = deadline.for_new_plan(items, availability, by=by, hours=weekly, breaks=break_ or [])
    at_time = parse_time_of_day(at)
    zone = parse_time_zone(tz) if tz else local_time_zone()
    store = plans.open_plans(create=True)
    if name is None and asker.terminal:
        name = _ask_name(asker, store, roadmap.id)
    loaded = plans.start_plan(
        store,
        roadmap,
        availability,
        name=name,
        from_unit=from_unit,
        skip=_id_list(skip),
        at=at_time,
        tz=zone,
        extra_settings=extra | _review_settings(review_minutes),
    )
    from mlplan import render

    out = render.console()
    if needs:
        typer.echo(needs)
    out.print(
        render.schedule_summary(
            roadmap.title,
            roadmap.id,
            roadmap.hours_per_week,
            loaded.schedule,
            availability,
            f"Plan '{loaded.name}' saved",
        )
    )
    if loaded.name != roadmap.id and name is None:
        asker.notes.append(
            f"a plan named '{roadmap.id}' exists, so this one is saved as '{loaded.name}' "
            f"(--name NAME chooses the name; `mlplan switch {roadmap.id}` goes back to the other)"
        )
    for note in asker.decided():
        typer.echo(f"Note: {note}", err=True)
    _print_today(store, loaded, loaded.schedule.study_days()[0].date)


T = TypeVar("T")


class _Asker:
    """Asks ``start``'s questions: on a terminal, again after a bad answer; piped, one answer a line.

    Piped answers are checked like typed ones, and a bad one stops the command
    (a pipe cannot be asked again). When the input ends, or with ``--yes``, the
    questions left take their defaults, and ``decided`` says which.
    """

    def __init__(self, yes: bool) -> None:
        self.yes = yes
        self.terminal = not yes and (_interactive() or sys.stdin.isatty())
        self.defaulted: list[str] = []
        self.ended = False
        self.notes: list[str] = []  # what was decided without asking, to say once the plan is saved

    def ask(self, question: str, default: str, check: Callable[[str], T]) -> T:
        """The checked answer to ``question`` (an empty answer is ``default``)."""
        while self.terminal:
            answer = typer.prompt(question, default=default, err=not _interactive())
            try:
                return check(answer)
            except UsageError as exc:
                typer.echo(f"Error: {worded(exc)}", err=True)
        line = "" if self.yes or self.ended else sys.stdin.readline()
        if not line:
            self.ended = True
            if not self.yes:
                self.defaulted.append(f"{question.split(' (')[0].lower()} {default}")
            return check(default)
        try:
            return check(line.strip())
        except UsageError as exc:
            raise UsageError(f"{question.split(' (')[0]}: {worded(exc)}") from None

    def decided(self) -> list[str]:
        """What was decided without asking: defaults taken when the piped answers ended, names chosen."""
        ended = (
            [
                "standard input ended before these answers, so they take their defaults: "
                + ", ".join(self.defaulted)
                + "; --yes uses the defaults without asking"
            ]
            if self.defaulted
            else []
        )
        return ended + self.notes


def _ask_start(
    asker: _Asker,
    roadmap_id: str | None,
    hours: float | str | None,
    days: str | None,
    start: str | None,
    ask_hours: bool,
) -> tuple[str | None, float | str | None, str | None, str | None]:
    """Ask for what the command line left out (see ``start_questions``); returns the completed options."""
    from mlplan import clock
    from mlplan import start_questions as q

    if asker.yes:
        return roadmap_id, hours, days, start
    if roadmap_id is None:
        from mlplan import catalog

        rows = catalog.overviews()
        if asker.terminal:
            from mlplan import render

            render.console(stderr=not _interactive()).print(*render.roadmap_choices(rows), sep="\n")
        ids = [str(row["id"]) for row in rows]
        roadmap_id = asker.ask("Roadmap (number or id)", q.DEFAULT_ROADMAP, lambda a: q.check_roadmap(a, ids))
    if hours is None and days is None and ask_hours:
        notes: list[Note] = []
        hours = asker.ask("Hours per week", q.DEFAULT_HOURS, lambda a: q.check_hours(a, notes))
        _notes(notes)
    if days is None:
        from mlplan.availability import parse_weekly_hours

        weekly = None if hours is None else parse_weekly_hours(hours)  # a bad --hours stops here, not each answer
        days = asker.ask("Study days", q.DEFAULT_DAYS, lambda a: q.check_days(a, weekly))
    if start is None:
        today = clock.today()
        day = asker.ask("Start date", today.isoformat(), lambda a: q.check_start(a, today, asker.terminal))
        if day < today and typer.confirm(
            f"{day} is in the past; start today ({today}) instead?", default=True, err=not _interactive()
        ):
            day = today
        start = day.isoformat()
    return roadmap_id, hours, days, start


def _ask_name(asker: _Asker, store: Any, roadmap_id: str) -> str | None:
    """Ask the new plan's name when a plan is already named after its roadmap (None: the roadmap id is free).

    Without a terminal the plan gets the next free name (``ID-2``) and ``start`` notes it.
    """
    from mlplan import plans
    from mlplan.start_questions import check_plan_name

    if store.plan(roadmap_id) is None:
        return None
    taken = {p.name for p in store.plans()}
    suggested = plans.free_name(store, roadmap_id)
    return asker.ask(
        f"A plan named '{roadmap_id}' exists. Name of this one",
        suggested,
        lambda a: check_plan_name(a, suggested, taken),
    )


def _print_today(store: Any, loaded: Any, on: Any) -> None:
    from mlplan import plans
    from mlplan.daily_text import reviews_text, today_text

    typer.echo(today_text(plans.today(store, loaded, on), loaded.name, _style()))
    reviews = reviews_text(plans.reviews_today(store, loaded, on), _style())
    if reviews:
        typer.echo(reviews)


@app.command()
def today(plan: PlanOpt = None, date_: DateOpt = None, as_json: JsonOption = False) -> None:
    """Show today's study session, what is overdue and how the week is going."""
    from mlplan import plans

    store, loaded = plans.open_plan(plan)
    on = _day(date_)
    if as_json:
        view = plans.today(store, loaded, on)
        reviews = plans.reviews_today(store, loaded, on)
        _print_json(
            {"plan": loaded.name}
            | view
            | {"reviews": reviews["cards"], "reviews_due": reviews["due"], "review_minutes": reviews["minutes"]}
        )
        return
    _print_today(store, loaded, on)


@app.command()
def week(
    number: Annotated[
        int | None, typer.Argument(metavar="[N]", help="Week number of the plan (default: this week).")
    ] = None,
    date_: DateOpt = None,
    plan: PlanOpt = None,
    as_json: JsonOption = False,
    markdown: Annotated[bool, typer.Option("--markdown", help="Print a Markdown task list (GitHub style).")] = False,
) -> None:
    """Show a week of the plan as a checklist by day, with deliverables and outcomes."""
    from mlplan import plans

    store, loaded = plans.open_plan(plan)
    view = plans.week(store, loaded, number, _day(date_) if number is None else None)
    if as_json:
        _print_json({"plan": loaded.name} | view)
        return
    if markdown:
        from mlplan.checklist import week_markdown

        typer.echo(week_markdown(view, loaded.name), nl=False)
        return
    from mlplan import render

    render.console().print(render.week_checklist(view, loaded.name))


def _mark(kind: str, ids: list[str], plan: str | None, verb: str, date_: str | None, rating: str = "good") -> None:
    from mlplan import plans

    on = _day(date_, recording=True)
    store, loaded = plans.open_plan(plan)
    marked = plans.mark(store, loaded, kind, ids, on, rating)
    changed = marked.changed
    for item_id in marked.kept_done:
        typer.echo(f"{item_id} is done: skip leaves it as it is (`mlplan reopen {item_id}` first to skip it).")
    if changed:
        noun = "part" if all("#" in c for c in changed) else "item"
        typer.echo(f"{verb}: {', '.join(changed)}" + ("" if len(changed) == 1 else f" ({len(changed)} {noun}s)"))
        for item_id in marked.completed:
            typer.echo(f"{item_id} is done: all its parts are.")
        if marked.unscheduled:
            from mlplan.wording import plural

            n = len(marked.unscheduled)
            them = "it" if n == 1 else "them"
            typer.echo(f"{plural(n, 'item')} not in your schedule yet: `mlplan replan` fits {them} in.", err=True)
        if kind != "reopen" and plans.is_complete(store, plans.load_plan(store, plan)):
            typer.echo("Plan complete: every item is done or skipped. Well done!")
        typer.echo("Changed your mind? `mlplan undo`", err=True)
    if marked.outside:
        typer.echo(
            f"Not in your plan (left out at start): {', '.join(marked.outside)}; "
            "`mlplan reopen ID` brings an item or unit back."
        )
    if not changed and not marked.kept_done and not marked.outside:
        typer.echo(f"Nothing to change: already {verb.lower()}.")


IdsArg = Annotated[
    list[str],
    typer.Argument(metavar="ID...", help="Item, part (ITEM#N) or unit ids (a unit means all its items)."),
]


RatingOpt = Annotated[
    str | None,
    typer.Option("--rating", help="How well you recall it: again, hard, good or easy.", metavar="again|hard|good|easy"),
]


def _rating(value: str | None, default: str | None = "good") -> str | None:
    from mlplan.cards import read_rating

    return default if value is None else read_rating(value)


@app.command()
def done(ids: IdsArg, plan: PlanOpt = None, date_: RecordDateOpt = None, rating: RatingOpt = None) -> None:
    """Mark items, parts (ITEM#N) or whole units as done."""
    _mark("done", ids, plan, "Done", date_, _rating(rating) or "good")


@app.command()
def skip(ids: IdsArg, plan: PlanOpt = None, date_: RecordDateOpt = None) -> None:
    """Skip open items you will not study (a unit skips its open items; done ones stay done)."""
    _mark("skip", ids, plan, "Skipped", date_)


@app.command()
def reopen(ids: IdsArg, plan: PlanOpt = None, date_: RecordDateOpt = None) -> None:
    """Open skipped or done items again, or bring back units left out of the plan."""
    _mark("reopen", ids, plan, "Reopened", date_)


@app.command()
def undo(plan: PlanOpt = None) -> None:
    """Revert your last change (done, skip, reopen, log or replan); repeat to go further back."""
    from mlplan import plans

    store, loaded = plans.open_plan(plan)
    batch = plans.undo(store, loaded)
    if not batch:
        typer.echo("Nothing to undo.")
        return
    typer.echo(f"Undid {plans.undone(batch)}")


@app.command()
def log(
    duration: Annotated[
        str | None,
        typer.Argument(metavar="[DURATION]", help="Time studied: 90m, 1.5h or 1h30m (none: show your study log)."),
    ] = None,
    item: Annotated[str | None, typer.Argument(metavar="[ID]", help="The item you studied (optional).")] = None,
    date_: RecordDateOpt = None,
    note: Annotated[str | None, typer.Option("--note", help="A few words about the session.")] = None,
    plan: PlanOpt = None,
    as_json: JsonOption = False,
) -> None:
    """Record time you actually studied; with no duration, show your study log (one day's with --date)."""
    from mlplan import plans
    from mlplan.hours import format_hours

    if duration is None:
        if note is not None:
            raise UsageError('--note needs a DURATION, like `mlplan log 1h30m --note "loops"`')
        history(plan, as_json, date_)
        return
    if as_json:
        raise UsageError("--json shows the study log: give it without a DURATION (`mlplan log --json`)")
    read = plans.read_session(duration)
    _notes([read.note])
    hours = read.hours
    on = _day(date_, recording=True)
    store, loaded = plans.open_plan(plan)
    plans.log_time(store, loaded, hours, item, on, note)
    typer.echo(f"Logged {format_hours(hours)} on {on}" + (f" for {item}" if item else "") + ".")


@app.command()
def history(
    plan: PlanOpt = None,
    as_json: JsonOption = False,
    date_: Annotated[
        str | None, typer.Option("--date", help="Show only this day, YYYY-MM-DD (default: every day).")
    ] = None,
) -> None:
    """Show your study log: time logged, items done, skipped or reopened, by date."""
    from mlplan import plans
    from mlplan.progress import history_view

    on = _day(date_) if date_ else None
    _, loaded = plans.open_plan(plan)
    rows = history_view(loaded.events, loaded.index)
    if on is not None:
        rows = [row for row in rows if row["date"] == on.isoformat()]
    if as_json:
        _print_json(rows)
        return
    if not rows:
        typer.echo(
            f"Nothing recorded on {on}."
            if on
            else "Nothing recorded yet: `mlplan done ID` or `mlplan log 1h30m` adds to your log."
        )
        return
    from mlplan import render

    render.console().print(render.history_table(rows, loaded.name))


@app.command()
def status(
    plan: PlanOpt = None,
    as_json: JsonOption = False,
    date_: DateOpt = None,
    chart: Annotated[
        bool | None,
        typer.Option(
            "--chart/--no-chart",
            help="Draw the burn-up chart (default: on a terminal at least 70 columns wide; "
            "with --json, add its weekly data).",
            show_default=False,
        ),
    ] = None,
    calendar: Annotated[bool, typer.Option("--calendar", help="Add the study calendar of the last weeks.")] = False,
    svg: Annotated[
        str | None, typer.Option("--svg", metavar="FILE", help="Also save what status shows as an SVG image.")
    ] = None,
    force: ForceOpt = False,
) -> None:
    """Show progress per stage, hours done and left, and whether you are ahead or behind."""
    from mlplan import plans

    store, loaded = plans.open_plan(plan)
    on = _day(date_)
    if svg == "-":
        raise UsageError("--svg needs a file name, like --svg status.svg")
    view = plans.status(store, loaded, on)
    if as_json:
        if chart:
            view["burnup"] = plans.burnup_series(store, loaded, view, on)
        if calendar:
            view["calendar"] = plans.calendar_view(store, loaded, on, CALENDAR_WEEKS)
        _print_json(view)
        return
    from mlplan import charts, render

    out = render.console()
    if svg:
        out = render.recording_console(out)
    parts: list[Any] = [render.status_panel(view)]
    if view["reviews"]["cards"]:
        parts.append(render.reviews_line(view["reviews"]))
    if view["deadline"]:
        parts.append(render.deadline_line(view, on))
    if chart or (chart is None and (svg or out.is_terminal) and out.width >= charts.MIN_CHART_COLUMNS):
        rows = charts.burnup_rows(plans.burnup_series(store, loaded, view, on), out.width)
        parts += ["", render.burnup_chart(rows)]
    if calendar:
        parts += ["", _calendar_picture(plans.calendar_view(store, loaded, on, CALENDAR_WEEKS), out.width)]
    for part in parts:
        if isinstance(part, str):  # a sentence: printed as written, long lines left to the terminal
            out.print(part, markup=False, soft_wrap=True)
        else:
            out.print(part)
    if svg:
        _write(render.svg_of(out, f"mlplan status · {loaded.name}"), svg, force, "svg")


CALENDAR_WEEKS = 26


def _calendar_picture(view: dict[str, Any], width: int) -> Any:
    from mlplan import charts, render

    weeks = charts.weeks_that_fit(len(view["days"]) // 7, width)
    rows = charts.calendar_rows(view["days"][-7 * weeks :], view["session_hours"])
    return render.calendar_grid(rows, f"Study calendar · {view['plan']} · last {weeks} weeks")


@app.command()
def calendar(
    weeks: Annotated[
        int, typer.Option("--weeks", min=1, max=53, help="How many weeks to show, ending with this one.")
    ] = CALENDAR_WEEKS,
    date_: DateOpt = None,
    plan: PlanOpt = None,
    as_json: JsonOption = False,
) -> None:
    """Show a calendar of the days you studied, one cell per day, shaded by hours."""
    from mlplan import plans, render

    store, loaded = plans.open_plan(plan)
    view = plans.calendar_view(store, loaded, _day(date_), weeks)
    if as_json:
        _print_json(view)
        return
    out = render.console()
    out.print(_calendar_picture(view, out.width))


@app.command()
def replan(
    hours: Annotated[
        str | None,
        typer.Option("--hours", help="Study hours per week, like 6 or 7h30m, in quarter hours (default: the plan's)."),
    ] = None,
    days: Annotated[
        str | None,
        typer.Option("--days", help="Study days, like mon,wed,sat or mon=1,wed=1,sat=4 (default: the plan's)."),
    ] = None,
    from_date: Annotated[
        str | None, typer.Option("--from-date", "--start", help="Refit from this day, YYYY-MM-DD (default today).")
    ] = None,
    off: Annotated[
        list[str] | None,
        typer.Option("--off", help="More days off, YYYY-MM-DD or FIRST..LAST, added to the plan's; repeatable."),
    ] = None,
    from_unit: FromOpt = None,
    skip: SkipOpt = None,
    daily_cap: Annotated[
        str | None,
        typer.Option("--daily-cap", help="At most this many hours on any day, like 2 or 1h30m (default: the plan's)."),
    ] = None,
    min_part: Annotated[
        str | None, typer.Option("--min-part", help="Shortest piece an item is split into (default: the plan's).")
    ] = None,
    keep_end: Annotated[
        bool, typer.Option("--keep-end", help="Keep the deadline (or end date): raise the weekly hours instead.")
    ] = False,
    by: ByOpt = None,
    max_hours: Annotated[
        str | None, typer.Option("--max-hours", help="With --keep-end/--by: at most this many hours a week.")
    ] = None,
    break_: Annotated[
        list[str] | None,
        typer.Option("--break", help="Another pause FIRST..LAST (or one date), added to the plan's; repeatable."),
    ] = None,
    review_minutes: ReviewMinutesOpt = None,
    at: Annotated[str | None, typer.Option("--at", help="Time of day you study, HH:MM (default: the plan's).")] = None,
    tz: Annotated[
        str | None, typer.Option("--tz", help="Your time zone, like Europe/Paris (default: the plan's).")
    ] = None,
    plan: PlanOpt = None,
    date_: DateOpt = None,
) -> None:
    """Refit what is left of your plan from today (or --from-date), keeping what is done."""
    from mlplan import deadline, plans
    from mlplan.availability import availability_from_settings, parse_time_of_day, parse_time_zone

    on = _day(date_)
    store, loaded = plans.open_plan(plan)
    base = availability_from_settings(loaded.settings)
    start = from_date or on.isoformat()
    availability = _availability(start, "from_date", hours, days, off, daily_cap, min_part, base)
    plans.refuse_past_start(availability.start, on)
    before = loaded.schedule.end
    availability, raised, extra = deadline.for_replan(
        plans.replan_items(store, loaded, from_unit, _id_list(skip))[0],
        availability,
        loaded.settings,
        loaded.schedule.end,
        by=by,
        keep=keep_end,
        breaks=break_ or [],
        hours=hours,
        max_hours=max_hours,
    )
    updated = plans.replan(
        store,
        loaded,
        availability,
        from_unit=from_unit,
        skip=_id_list(skip),
        at=parse_time_of_day(at) if at else None,
        tz=parse_time_zone(tz) if tz else None,
        extra_settings=extra | _review_settings(review_minutes),
        today=on,
    )
    from mlplan import render

    roadmap = updated.plan.roadmap()
    render.console().print(
        render.schedule_summary(
            roadmap["title"],
            roadmap["id"],
            roadmap.get("hours_per_week"),
            updated.schedule,
            availability,
            f"Plan '{updated.name}' replanned (was ending {before})",
            plans.plan_start(store, updated),
        )
    )
    if raised:
        typer.echo(raised)
    typer.echo("The earlier schedule stays in the history; `mlplan undo` brings it back.", err=True)


@app.command()
def review(
    card_id: Annotated[
        str | None, typer.Argument(metavar="[ID]", help="A card to review (default: walk today's due cards).")
    ] = None,
    rating: RatingOpt = None,
    date_: RecordDateOpt = None,
    plan: PlanOpt = None,
) -> None:
    """Review cards of finished topics: rate how well you recall each one."""
    from mlplan import plans

    chosen = _rating(rating, default=None)
    store, loaded = plans.open_plan(plan)
    on = _day(date_, recording=True)
    if card_id is not None and chosen is not None:
        card = plans.review_card(store, loaded, card_id, chosen, on)
        typer.echo(f"Reviewed {card_id} ({chosen}): next review {card['due']}.")
        return
    if not _interactive():
        raise UsageError("give a card and a rating, like `mlplan review ID --rating good` (on a terminal, asks)")
    if chosen is not None:
        raise UsageError("--rating needs a card id: `mlplan review ID --rating good`")
    if card_id is not None:
        queue = [plans.find_card(store, loaded, card_id)]
    else:
        queue = plans.reviews_today(store, loaded, on)["cards"]
        if not queue:
            typer.echo("No reviews due today.")
            return
    for card in queue:
        unit = plans.card_unit_title(loaded, card["id"])
        typer.echo(typer.style(f"{card['id']}  {card['title']}", bold=True) + (f" · {unit}" if unit else ""))
        for prompt in card["prompts"]:
            typer.echo(f"  - {prompt}")
        picked = _ask_rating()
        if picked is None:
            break
        updated = plans.review_card(store, loaded, card["id"], picked, on)  # a review undoes nothing: loaded stays true
        typer.echo(f"Next review {updated['due']}.")


def _ask_rating() -> str | None:
    """Ask until the answer is a rating (or its first letter); None when the learner stops with q."""
    from mlplan.cards import RATINGS

    while True:
        answer = typer.prompt("Recall? again, hard, good, easy (q to stop)", default="good").strip().lower()
        if answer in ("q", "quit"):
            return None
        picked = next((r for r in RATINGS if answer in (r, r[0])), None)
        if picked:
            return picked
        typer.echo("Answer again, hard, good or easy (a, h, g, e), or q to stop.", err=True)


@app.command()
def reviews(as_json: JsonOption = False, date_: DateOpt = None, plan: PlanOpt = None) -> None:
    """List your review cards: when each is due and how well you remember it."""
    from mlplan import plans

    store, loaded = plans.open_plan(plan)
    rows = plans.card_list(store, loaded, _day(date_))
    if as_json:
        _print_json({"plan": loaded.name, "cards": rows})
        return
    if not rows:
        typer.echo("No review cards yet: finishing a concept item or a whole unit makes one.")
        return
    from mlplan import render

    render.console().print(render.cards_table(rows))


@app.command("plans")
def list_plans(as_json: JsonOption = False) -> None:
    """List your plans; the current one is marked."""
    from mlplan import plans

    rows = plans.plan_rows(plans.existing_plans())
    if as_json:
        _print_json(rows)
        return
    if not rows:
        typer.echo("No plans yet: start one with `mlplan start`.")
        return
    from mlplan import render

    render.print_listing(render.console(), render.plans_table(rows), render.plans_lines(rows))


@app.command()
def switch(name: Annotated[str, typer.Argument(metavar="NAME", help="The plan to make current.")]) -> None:
    """Make another plan the current one."""
    from mlplan import plans

    plan = plans.switch(plans.open_plans(), name)
    typer.echo(f"Current plan: {plan.name} ({plan.roadmap_id})")


@app.command()
def delete(
    name: Annotated[str, typer.Argument(metavar="NAME", help="The plan to delete.")], yes: YesOpt = False
) -> None:
    """Delete a plan and its progress (asks first)."""
    from mlplan import plans

    store = plans.open_plans()
    plan = plans.resolve_plan(store, name)
    current_before = store.current_plan_name()
    if not yes:
        if not _interactive():
            raise UsageError(f"deleting plan '{plan.name}' loses its progress; add --yes to confirm")
        typer.confirm(f"Delete plan '{plan.name}' and all its progress?", abort=True)
    deleted = plans.delete(store, plan.name)
    typer.echo(f"Deleted plan '{plan.name}'.")
    if not deleted.left:
        typer.echo("No plans left: `mlplan start` makes a new one.")
    elif deleted.current is None:
        typer.echo(f"No current plan now: pick one with `mlplan switch NAME` ({', '.join(deleted.left)}).")
    elif deleted.current != current_before:
        typer.echo(f"Current plan is now '{deleted.current}'.")


@app.command("paths")
def show_paths(as_json: JsonOption = False) -> None:
    """Show where mlplan keeps your plans and roadmaps."""
    from mlplan import paths

    where = paths.shown()
    if as_json:
        _print_json(where)
        return
    for key, value in where.items():
        typer.echo(f"{key.replace('_', ' ')}: {value}")


export_app = typer.Typer(
    cls=_MlplanGroup, help="Take your plan elsewhere: calendar, checklists, JSON.", no_args_is_help=True
)
app.add_typer(export_app, name="export")

MAX_WEEKS = 2615  # the weeks the longest plan the scheduler makes spans (scheduler.MAX_PLAN_DAYS, 50 years)


@export_app.command("ics")
def export_ics(
    out: OutOpt = None,
    force: ForceOpt = False,
    alarm: Annotated[
        str | None, typer.Option("--alarm", help="Remind this long before each session, like 15m.")
    ] = None,
    from_date: Annotated[
        str | None, typer.Option("--from-date", help="Only sessions from this day, YYYY-MM-DD.")
    ] = None,
    weeks: Annotated[int | None, typer.Option("--weeks", min=1, max=MAX_WEEKS, help="Only this many weeks.")] = None,
    pending_only: Annotated[
        bool, typer.Option("--pending-only", help="Leave out days whose items are all done or skipped.")
    ] = False,
    with_reviews: Annotated[
        bool, typer.Option("--reviews", help="Add a short review event on each day with reviews due.")
    ] = False,
    plan: PlanOpt = None,
    date_: Annotated[
        str | None,
        typer.Option("--date", help="With --reviews: the day overdue reviews fall on, YYYY-MM-DD (default today)."),
    ] = None,
) -> None:
    """Export the plan as an .ics calendar: a timed event per study day, all-day milestones."""
    from mlplan import plans
    from mlplan.clock import parse_date
    from mlplan.ics_export import build_calendar, read_alarm

    alarm_minutes = None
    if alarm is not None:
        alarm_minutes, note = read_alarm(alarm)
        _notes([note])
    store, loaded = plans.open_plan(plan)
    data = build_calendar(
        plan_name=loaded.name,
        plan_uid=loaded.plan.uid,
        settings=loaded.settings,
        schedule=loaded.schedule,
        version=loaded.version,
        made_at=store.schedule(loaded.plan, loaded.version).created_at,
        index=loaded.index,
        progress=loaded.progress,
        alarm_minutes=alarm_minutes,
        pending_only=pending_only,
        from_date=parse_date(from_date, "from_date") if from_date else None,
        weeks=weeks,
        review_days=plans.review_days(store, loaded, _day(date_)) if with_reviews else None,
    )
    _write(data, out, force)


@export_app.command("checklist")
def export_checklist(
    week_number: Annotated[int | None, typer.Option("--week", help="Only this week of the plan.")] = None,
    all_weeks: Annotated[bool, typer.Option("--all", help="Every week of the plan (the default).")] = False,
    out: OutOpt = None,
    force: ForceOpt = False,
    plan: PlanOpt = None,
) -> None:
    """Export weekly checklists as Markdown task lists (GitHub style)."""
    from mlplan import plans
    from mlplan.checklist import plan_markdown, week_markdown

    if week_number is not None and all_weeks:
        raise UsageError("give --week N or --all, not both")
    store, loaded = plans.open_plan(plan)
    if week_number is not None:
        text = week_markdown(plans.week(store, loaded, week_number), loaded.name)
    else:
        text = plan_markdown(plans.weeks(store, loaded), loaded.name)
    _write(text, out, force)


@export_app.command("json")
def export_json(out: OutOpt = None, force: ForceOpt = False, plan: PlanOpt = None) -> None:
    """Export the whole plan (settings, schedules, roadmap, progress log) as JSON."""
    from mlplan import plans
    from mlplan.plan_archive import export_plan

    store = plans.open_plans()
    data = export_plan(store, plans.resolve_plan(store, plan))
    _write(_json_text(data) + "\n", out, force)


@app.command("import-plan")
def import_plan(
    file: Annotated[str, typer.Argument(metavar="FILE", help="A file from `mlplan export json` ('-' for stdin).")],
    name: Annotated[str | None, typer.Option("--name", help="Import under this name.")] = None,
) -> None:
    """Restore a plan exported with `mlplan export json` (under a new name if the name is taken)."""
    from mlplan import plans
    from mlplan.plan_archive import MAX_BYTES, read_archive
    from mlplan.plan_archive import import_plan as restore
    from mlplan.sources import read_source

    text = read_source(file, MAX_BYTES, "an mlplan backup is far smaller")
    archive, data = read_archive(text, "<stdin>" if file == "-" else file)
    store = plans.open_plans(create=True)
    plan = restore(store, archive, data, name)
    current = store.current_plan_name()
    if current == plan.name:
        typer.echo(f"Imported plan '{plan.name}' ({plan.roadmap_id}); it is your current plan.")
    else:
        typer.echo(
            f"Imported plan '{plan.name}' ({plan.roadmap_id}); your current plan is still '{current}' "
            f"(`mlplan switch {plan.name}` to use it)."
        )


def _write(data: str | bytes, out: str | None, force: bool, choice: str = "out") -> None:
    from mlplan.output_file import write_output

    path = write_output(data, out, force, choice)
    if path is not None:
        typer.echo(f"Wrote {path}", err=True)


def _availability(
    start: str | None,
    start_field: str,
    hours: float | str | None,
    days: str | None,
    off: list[str] | None,
    daily_cap: float | str | None,
    min_part: str | None,
    base: Any = None,
) -> Any:
    """The Availability the shared plan options describe (``base``: a plan's stored one, for replan)."""
    from mlplan import clock
    from mlplan.availability import build_availability

    availability, notes = build_availability(
        start=clock.parse_date(start, start_field) if start else clock.today(),
        hours=hours,
        days=days,
        off=off,
        daily_cap=daily_cap,
        min_part=min_part,
        base=base,
    )
    _notes(notes)
    return availability


def _notes(notes: Sequence[Note | None]) -> None:
    """Tell the learner what was adjusted (a value rounded, weekly hours lowered), on stderr."""
    for note in filter(None, notes):
        typer.echo(f"Note: {worded(note)}", err=True)


def _review_settings(minutes: int | None) -> dict[str, Any]:
    """The review budget to store with a plan's settings (nothing when not given: the plan keeps its own)."""
    return {} if minutes is None else {"review_minutes": minutes}


def _id_list(text: str | None) -> list[str]:
    return [part.strip() for part in (text or "").split(",") if part.strip()]


def main() -> None:
    """Run the command line (``mlplan.entry`` calls this once it has started up).

    ``mlplan today`` runs every day, and building the whole command group costs
    more than the command itself, so ``today`` is dispatched on its own.
    """
    if sys.argv[1:2] == ["today"]:
        daily = typer.Typer(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None)
        daily.command(cls=_MlplanCommand)(today)
        daily(args=sys.argv[2:], prog_name="mlplan today")
    else:
        app()
