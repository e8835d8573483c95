"""Allow ``python -m mlplan``."""

from mlplan.cli import main

main()
